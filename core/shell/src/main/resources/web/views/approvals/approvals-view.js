// The Approvals view: what waits for the person's approval in every workspace
// (GET /approvals), each post with its text per account, the step it waits at and
// Approve / Ask for changes (with a comment, which goes back to the author). For a
// workspace the person manages: its approval workflow (1 to 3 steps, each passed
// by one or every approver, "the client" standing for the sign-off links) and the
// client sign-off links (create one for the coming days, see its address once,
// revoke). Every text comes from people and goes into the page as text.

import { api, session } from '/web/api.js';
import { confirmButton, el, formatInstant, messageArea } from '/web/dom.js';
import { viewHref } from '/web/route.js';
import {
  decisionControls, formatLocal, rememberedWorkspace, stateBadge, workspacePath,
} from '/web/posts.js';

const CLIENT = 'client';
const MAX_STEPS = 3;
const DAY_MS = 86400000;

class AtelierApprovalsView extends HTMLElement {
  #message = messageArea();
  #waiting = el('div', { class: 'approvals-waiting' });
  #manage = el('div', { class: 'approvals-manage' });
  #workspaces = [];
  #workspaceId = null;

  async connectedCallback() {
    this.replaceChildren(el('h1', {}, 'Approvals'), this.#message.element,
      el('h2', {}, 'Waiting for you'), this.#waiting, this.#manage);
    let me;
    try {
      me = await session();
      this.#workspaces = await api('GET', '/workspaces');
    } catch (error) {
      this.#message.show(error.message, 'error');
      return;
    }
    const managed = new Set((me.memberships || []).filter((m) => m.role === 'OWNER' || m.role === 'MANAGER')
      .map((m) => m.workspaceId));
    this.#workspaces = this.#workspaces.filter((w) => me.person.admin || managed.has(w.id));
    const remembered = rememberedWorkspace();
    this.#workspaceId = this.#workspaces.some((w) => w.id === remembered) ? remembered
      : (this.#workspaces[0] || {}).id;
    await this.#loadWaiting();
    await this.#loadManage();
  }

  async #loadWaiting() {
    let items;
    try {
      items = await api('GET', '/approvals');
    } catch (error) {
      this.#message.show(error.message, 'error');
      return;
    }
    this.#waiting.replaceChildren(...(items.length === 0
      ? [el('p', { class: 'muted', dataset: { empty: 'waiting' } }, 'Nothing waits for your approval.')]
      : items.map((item) => this.#item(item))));
  }

  #item(item) {
    const post = item.post;
    const review = item.review;
    const act = async (what, call) => {
      for (const button of card.querySelectorAll('button')) button.disabled = true;
      try {
        await call();
        this.#message.show(what, 'ok');
      } catch (error) {
        this.#message.show(error.message, 'error');
      }
      await this.#loadWaiting();
    };
    const texts = (post.accounts || []).map((id) => el('p', { class: 'post-text' },
      String(((post.variants || {})[id] || {}).text || '')));
    const card = el('article', { class: 'approval-item panel', dataset: { post: post.id } },
      el('h3', {}, item.workspaceName, ' · ', post.localAt ? `${formatLocal(post.localAt)} (${post.zone})` : ''),
      el('p', {}, stateBadge(post.state), review.steps > 1 ? ` step ${review.step} of ${review.steps}` : '',
        review.approvedBy.length > 0 ? ` · approved by ${review.approvedBy.map((a) => a.name).join(', ')}` : ''),
      texts,
      decisionControls(post, act, (text) => this.#message.show(text, 'error'),
        el('a', { href: viewHref('post', { ws: post.workspace, id: post.id }) }, 'Open')));
    return card;
  }

  async #loadManage() {
    if (!this.#workspaceId) {
      this.#manage.replaceChildren();
      return;
    }
    const workspace = workspacePath(this.#workspaceId);
    let workflow;
    let members;
    let links;
    try {
      [workflow, members, links] = await Promise.all([
        api('GET', `${workspace}/approval-workflow`),
        api('GET', `${workspace}/members`).catch(() => []),
        api('GET', `${workspace}/signoff-links`),
      ]);
    } catch (error) {
      this.#manage.replaceChildren(el('p', { class: 'muted' }, error.message));
      return;
    }
    const picker = el('select', {
      name: 'workspace',
      on: {
        change: (event) => {
          this.#workspaceId = event.target.value;
          this.#loadManage();
        },
      },
    }, this.#workspaces.map((w) => el('option', { value: w.id, selected: w.id === this.#workspaceId }, w.name)));
    this.#manage.replaceChildren(
      el('h2', {}, 'Workflow and client links'),
      el('label', {}, 'Workspace ', picker),
      this.#workflowEditor(workflow, members),
      this.#linksPanel(links));
  }

  #workflowEditor(workflow, members) {
    const people = members.map((m) => ({ id: m.personId, name: m.displayName || m.email }));
    people.push({ id: CLIENT, name: 'the client (sign-off link)' });
    const steps = workflow.steps.map((s) => ({ mode: s.mode, approvers: new Set(s.approvers.map((a) => a.id)) }));
    const list = el('div', { class: 'workflow-steps' });
    const draw = () => {
      list.replaceChildren(...steps.map((step, index) => el('div', { class: 'workflow-step', dataset: { step: index + 1 } },
        el('strong', {}, `Step ${index + 1}`),
        el('select', {
          name: `mode-${index}`, 'aria-label': `Step ${index + 1}: who must approve`,
          on: { change: (event) => { step.mode = event.target.value; } },
        }, el('option', { value: 'ANY', selected: step.mode === 'ANY' }, 'one of'),
        el('option', { value: 'ALL', selected: step.mode === 'ALL' }, 'all of')),
        people.map((p) => el('label', {}, el('input', {
          type: 'checkbox', name: `approver-${index}`, value: p.id, checked: step.approvers.has(p.id),
          on: { change: (event) => (event.target.checked ? step.approvers.add(p.id) : step.approvers.delete(p.id)) },
        }), ` ${p.name}`)),
        el('button', { type: 'button', on: { click: () => { steps.splice(index, 1); draw(); } } }, 'Remove'))));
      if (steps.length === 0) {
        list.append(el('p', { class: 'muted' }, 'No workflow: a post sent to review needs one approval from '
          + 'someone who may schedule posts.'));
      }
    };
    draw();
    const save = async () => {
      try {
        await api('PUT', `${workspacePath(this.#workspaceId)}/approval-workflow`,
          { steps: steps.map((s) => ({ mode: s.mode, approvers: [...s.approvers] })) });
        this.#message.show('The approval workflow is saved.', 'ok');
      } catch (error) {
        this.#message.show(error.message, 'error');
      }
    };
    return el('section', { class: 'panel workflow-editor' },
      el('h3', {}, 'Approval workflow'), list,
      el('div', { class: 'toolbar-group' },
        el('button', {
          type: 'button',
          on: {
            click: () => {
              if (steps.length < MAX_STEPS) steps.push({ mode: 'ANY', approvers: new Set() });
              draw();
            },
          },
        }, 'Add a step'),
        el('button', { type: 'button', class: 'primary', dataset: { action: 'save-workflow' }, on: { click: save } },
          'Save workflow')));
  }

  #linksPanel(links) {
    const shown = el('div', { class: 'new-link' });
    const form = el('form', { class: 'inline', id: 'signoff-link-form' },
      el('label', {}, 'Client', el('input', { name: 'clientName', required: true, maxlength: 200 })),
      el('label', {}, 'Posts of the next (days)', el('input', { name: 'days', type: 'number', min: 1, max: 92,
        value: 14 })),
      el('label', {}, 'Valid for (days)', el('input', { name: 'valid', type: 'number', min: 1, max: 92,
        value: 7 })),
      el('button', { type: 'submit', class: 'primary' }, 'Create link'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const now = Date.now();
      try {
        const created = await api('POST', `${workspacePath(this.#workspaceId)}/signoff-links`, {
          clientName: form.elements.clientName.value,
          from: new Date(now).toISOString(),
          to: new Date(now + Number(form.elements.days.value) * DAY_MS).toISOString(),
          expiresAt: new Date(now + Number(form.elements.valid.value) * DAY_MS).toISOString(),
        });
        const address = location.origin + created.url;
        shown.replaceChildren(el('p', {}, 'Send this address to the client. It is shown only now:'),
          el('input', { class: 'mono signoff-url', readonly: true, value: address, size: 80 }));
        this.#message.show('The link is created.', 'ok');
        await this.#refreshLinks(table);
      } catch (error) {
        this.#message.show(error.message, 'error');
      }
    });
    const table = el('table', { class: 'signoff-links' });
    this.#drawLinks(table, links);
    return el('section', { class: 'panel' }, el('h3', {}, 'Client sign-off links'),
      el('p', { class: 'muted' }, 'A client without an account sees the posts of a period, approves, asks for '
        + 'changes and comments until the link expires.'), form, shown, table);
  }

  async #refreshLinks(table) {
    try {
      this.#drawLinks(table, await api('GET', `${workspacePath(this.#workspaceId)}/signoff-links`));
    } catch (error) {
      this.#message.show(error.message, 'error');
    }
  }

  #drawLinks(table, links) {
    table.replaceChildren(
      el('thead', {}, el('tr', {}, ['Client', 'Posts from', 'to', 'Valid until', 'State', ''].map((t) => el('th', {}, t)))),
      el('tbody', {}, links.length === 0
        ? el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No link yet.'))
        : links.map((link) => el('tr', { dataset: { link: link.id } },
          el('td', {}, link.clientName),
          el('td', {}, formatInstant(link.from)), el('td', {}, formatInstant(link.to)),
          el('td', {}, formatInstant(link.expiresAt)),
          el('td', {}, link.open ? 'open' : link.revokedAt ? 'revoked' : 'expired'),
          el('td', {}, link.open ? confirmButton('Revoke', 'Really revoke?', async () => {
            try {
              await api('DELETE', `${workspacePath(this.#workspaceId)}/signoff-links/${encodeURIComponent(link.id)}`);
            } catch (error) {
              this.#message.show(error.message, 'error');
            }
            await this.#refreshLinks(table);
          }) : null)))));
  }
}

if (!customElements.get('atelier-approvals-view')) {
  customElements.define('atelier-approvals-view', AtelierApprovalsView);
}
