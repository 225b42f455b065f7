// The Audit view: the audit log, newest first, filtered by workspace, action and
// time, paged with "More", and downloadable as CSV for the same filter.
// Administrators read the whole log (GET /audit); others read the log of a
// workspace where their role allows it (GET /workspaces/{ws}/audit). Every
// value is untrusted text and goes into the page as text.

import { api, session } from '/web/api.js';
import { el, formatInstant, messageArea } from '/web/dom.js';

const PAGE = 100;

/** The ISO instant of a datetime-local value, or '' when empty. */
function instant(value) {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

class AtelierAuditView extends HTMLElement {
  #message = messageArea();
  #body = el('tbody');
  #more = el('button', { type: 'button', class: 'more', hidden: true }, 'More');
  #download = el('a', { class: 'csv-download', download: '' }, 'Download CSV');
  #form;
  #admin = false;
  #cursor = null;

  async connectedCallback() {
    let me;
    let workspaces = [];
    try {
      me = await session();
      workspaces = await api('GET', '/workspaces');
    } catch (error) {
      this.replaceChildren(el('h1', {}, 'Audit'), this.#message.element);
      this.#message.show(error.message, 'error');
      return;
    }
    this.#admin = me.person.admin;
    this.#form = el('form', { id: 'audit-filter', class: 'inline panel' },
      el('label', {}, 'Workspace', el('select', { name: 'workspace' },
        this.#admin ? el('option', { value: '' }, 'All') : null,
        workspaces.map((w) => el('option', { value: w.id }, w.name)))),
      el('label', {}, 'Action', el('input', { name: 'action', placeholder: 'e.g. account. or plugin.started',
        autocomplete: 'off' })),
      el('label', {}, 'From', el('input', { name: 'from', type: 'datetime-local' })),
      el('label', {}, 'To', el('input', { name: 'to', type: 'datetime-local' })),
      el('button', { type: 'submit', class: 'primary' }, 'Show'),
      this.#download);
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#load(false);
    });
    this.#more.addEventListener('click', () => this.#load(true));
    this.replaceChildren(
      el('h1', {}, 'Audit'),
      el('p', { class: 'muted' }, 'Who did what and when: sign-ins, people, roles, tokens, workspaces, accounts '
        + 'and plugins. The log is append-only.'),
      this.#message.element,
      this.#form,
      el('table', { class: 'audit' },
        el('thead', {}, el('tr', {}, ['When', 'Who', 'Action', 'Target', 'Details', 'Workspace', 'Address']
          .map((t) => el('th', {}, t)))),
        this.#body),
      this.#more);
    if (!this.#admin && workspaces.length === 0) {
      this.#message.show('You are in no workspace whose log you may read.', 'info');
      return;
    }
    this.#load(false);
  }

  /** The REST path and query of the current filter, without paging. */
  #request() {
    const data = new FormData(this.#form);
    const query = new URLSearchParams();
    const workspace = data.get('workspace') || '';
    const action = (data.get('action') || '').trim();
    if (action) query.set('action', action);
    const from = instant(data.get('from'));
    const to = instant(data.get('to'));
    if (from) query.set('from', from);
    if (to) query.set('to', to);
    if (this.#admin) {
      if (workspace) query.set('workspace', workspace);
      return { path: '/audit', query };
    }
    return { path: `/workspaces/${encodeURIComponent(workspace)}/audit`, query };
  }

  async #load(more) {
    const { path, query } = this.#request();
    this.#download.href = `/api/v1${path}.csv${query.toString() ? '?' + query : ''}`;
    query.set('limit', String(PAGE));
    if (more && this.#cursor) query.set('cursor', this.#cursor);
    let page;
    try {
      page = await api('GET', `${path}?${query}`);
    } catch (error) {
      this.#message.show(error.message, 'error');
      return;
    }
    this.#message.clear();
    const rows = page.events.map((e) => el('tr', { dataset: { event: e.id } },
      el('td', { class: 'when' }, formatInstant(e.at)),
      el('td', {}, e.actorLabel),
      el('td', { class: 'mono' }, e.action),
      el('td', {}, [e.targetType, e.targetId].filter(Boolean).join(' ')),
      el('td', {}, e.details || ''),
      el('td', { class: 'mono' }, e.workspaceId || ''),
      el('td', { class: 'mono' }, e.clientAddress || '')));
    if (more) {
      this.#body.append(...rows);
    } else if (rows.length === 0) {
      this.#body.replaceChildren(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No event for this filter.')));
    } else {
      this.#body.replaceChildren(...rows);
    }
    this.#cursor = page.next;
    this.#more.hidden = !page.next;
  }
}

customElements.define('atelier-audit-view', AtelierAuditView);
