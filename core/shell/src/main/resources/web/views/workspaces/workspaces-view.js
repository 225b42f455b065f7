// The Workspaces & accounts view: create and delete workspaces; per workspace,
// list, add and remove accounts with the credential form the platform declares.
// Stored credentials are never shown: the API never returns them.

import { api } from '/web/api.js';
import { confirmButton, el, formatInstant, markInvalid, messageArea } from '/web/dom.js';

function browserZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch {
    return '';
  }
}

function zoneList() {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

class AtelierWorkspacesView extends HTMLElement {
  #message = messageArea();
  #workspaceBody;
  #accountsSection;
  #selected = null; // the selected workspace
  #platforms = [];

  connectedCallback() {
    this.#workspaceBody = el('tbody');
    this.#accountsSection = el('section');
    this.replaceChildren(
      el('h1', {}, 'Workspaces & accounts'),
      el('p', { class: 'muted' },
        'A workspace holds one client or brand: its accounts, posts and reports, planned in its own time zone.'),
      this.#message.element,
      this.#createForm(),
      el('table', {},
        el('thead', {}, el('tr', {}, ['Name', 'Time zone', 'Created', ''].map((t) => el('th', {}, t)))),
        this.#workspaceBody),
      this.#accountsSection);
    this.#loadWorkspaces();
  }

  #createForm() {
    const zones = zoneList();
    const datalist = el('datalist', { id: 'atelier-zones' }, zones.map((zone) => el('option', { value: zone })));
    const form = el('form', { class: 'inline panel', novalidate: true },
      el('label', {}, 'Name', el('input', { name: 'name', required: true, maxlength: 120, autocomplete: 'off' })),
      el('label', {}, 'Time zone',
        el('input', { name: 'zone', required: true, list: 'atelier-zones', value: browserZone(), autocomplete: 'off' })),
      datalist,
      el('button', { type: 'submit', class: 'primary' }, 'Create workspace'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      try {
        const workspace = await api('POST', '/workspaces', { name: data.get('name'), zone: data.get('zone') });
        markInvalid(form, null);
        form.elements.name.value = '';
        this.#message.show(`Workspace “${workspace.name}” created.`, 'ok');
        this.#selected = workspace;
        await this.#loadWorkspaces();
      } catch (error) {
        markInvalid(form, error.field);
        this.#message.show(error.message, 'error');
      }
    });
    return form;
  }

  async #loadWorkspaces() {
    let workspaces;
    try {
      workspaces = await api('GET', '/workspaces');
    } catch (error) {
      this.#message.show(`Could not list the workspaces: ${error.message}`, 'error');
      return;
    }
    if (workspaces.length === 0) {
      this.#workspaceBody.replaceChildren(el('tr', {}, el('td', { colspan: 4, class: 'muted' }, 'No workspace yet.')));
    } else {
      this.#workspaceBody.replaceChildren(...workspaces.map((workspace) => this.#workspaceRow(workspace)));
    }
    if (this.#selected && !workspaces.some((w) => w.id === this.#selected.id)) this.#selected = null;
    await this.#showAccounts();
  }

  #workspaceRow(workspace) {
    const selected = this.#selected && this.#selected.id === workspace.id;
    return el('tr', { dataset: { workspace: workspace.id }, class: selected ? 'selected' : null },
      el('td', {}, workspace.name),
      el('td', {}, workspace.zone),
      el('td', {}, formatInstant(workspace.created)),
      el('td', { class: 'actions' },
        el('button', {
          type: 'button', dataset: { action: 'accounts' },
          on: { click: () => { this.#selected = workspace; this.#loadWorkspaces(); } },
        }, 'Accounts'),
        confirmButton('Delete', 'Confirm delete', async () => {
          try {
            await api('DELETE', `/workspaces/${encodeURIComponent(workspace.id)}`);
            this.#message.show(`Workspace “${workspace.name}” deleted.`, 'ok');
          } catch (error) {
            this.#message.show(error.message, 'error');
          }
          await this.#loadWorkspaces();
        })));
  }

  async #showAccounts() {
    const workspace = this.#selected;
    if (!workspace) {
      this.#accountsSection.replaceChildren();
      return;
    }
    let accounts;
    try {
      [accounts, this.#platforms] = await Promise.all([
        api('GET', `/workspaces/${encodeURIComponent(workspace.id)}/accounts`),
        api('GET', '/platforms'),
      ]);
    } catch (error) {
      this.#accountsSection.replaceChildren(el('p', { class: 'message message-error' }, error.message));
      return;
    }
    const rows = accounts.length === 0
      ? [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No account yet.'))]
      : accounts.map((account) => this.#accountRow(workspace, account));
    this.#accountsSection.replaceChildren(
      el('h2', {}, `Accounts of “${workspace.name}”`),
      el('table', {},
        el('thead', {}, el('tr', {}, ['Platform', 'Handle', 'Endpoint', 'Status', 'Added', ''].map((t) => el('th', {}, t)))),
        el('tbody', {}, rows)),
      this.#accountForm(workspace));
  }

  #accountRow(workspace, account) {
    const ok = account.status === 'CONNECTED';
    return el('tr', { dataset: { account: account.id } },
      el('td', {}, account.platform),
      el('td', {}, account.handle),
      el('td', { class: 'mono' }, account.endpoint || 'default'),
      el('td', {}, el('span', { class: ok ? 'badge badge-ok' : 'badge badge-warn' }, account.status)),
      el('td', {}, formatInstant(account.created)),
      el('td', { class: 'actions' }, confirmButton('Remove', 'Confirm remove', async () => {
        try {
          await api('DELETE', `/workspaces/${encodeURIComponent(workspace.id)}/accounts/${encodeURIComponent(account.id)}`);
          this.#message.show(`Account ${account.handle} removed.`, 'ok');
        } catch (error) {
          this.#message.show(error.message, 'error');
        }
        await this.#showAccounts();
      })));
  }

  #accountForm(workspace) {
    if (this.#platforms.length === 0) {
      return el('p', { class: 'muted' }, 'No platform is installed: install a platform plugin to add accounts.');
    }
    const credentialFields = el('div', { class: 'credentials' });
    const platformSelect = el('select', { name: 'platform', required: true },
      this.#platforms.map((platform) => el('option', { value: platform.id }, platform.name)));
    const formMessage = messageArea();
    const form = el('form', { class: 'stacked panel', novalidate: true, autocomplete: 'off' },
      el('h3', {}, 'Add an account'),
      el('label', {}, 'Platform', platformSelect),
      el('label', {}, 'Handle', el('input', { name: 'handle', required: true, autocomplete: 'off' })),
      el('label', {}, 'Endpoint (optional)',
        el('input', { name: 'endpoint', type: 'url', placeholder: 'the network\u2019s default server', autocomplete: 'off' })),
      credentialFields,
      formMessage.element,
      el('div', {}, el('button', { type: 'submit', class: 'primary' }, 'Add account')));

    const renderCredentials = () => {
      const platform = this.#platforms.find((p) => p.id === platformSelect.value);
      const fields = platform ? platform.credentials : [];
      credentialFields.replaceChildren(...fields.map((field) => el('label', {},
        field.label + (field.required ? '' : ' (optional)'),
        el('input', {
          name: `credentials.${field.name}`,
          type: field.secret ? 'password' : 'text',
          autocomplete: field.secret ? 'new-password' : 'off',
          required: field.required,
        }),
        field.help ? el('span', { class: 'help' }, field.help) : null)));
    };
    platformSelect.addEventListener('change', renderCredentials);
    renderCredentials();

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const platform = this.#platforms.find((p) => p.id === platformSelect.value);
      const credentials = {};
      for (const field of platform.credentials) {
        const value = form.elements[`credentials.${field.name}`].value;
        if (value !== '') credentials[field.name] = value;
      }
      const body = {
        platform: platform.id,
        handle: form.elements.handle.value,
        endpoint: form.elements.endpoint.value || null,
        credentials,
      };
      formMessage.show(`Checking the credentials with ${platform.name}…`, 'info');
      try {
        const account = await api('POST', `/workspaces/${encodeURIComponent(workspace.id)}/accounts`, body);
        this.#message.show(`Account ${account.handle} added (${account.status}).`, 'ok');
        await this.#showAccounts();
      } catch (error) {
        markInvalid(form, error.field);
        formMessage.show(error.message, 'error');
      } finally {
        // Secrets do not stay in the page once sent.
        for (const input of form.querySelectorAll('input[type="password"]')) input.value = '';
      }
    });
    return form;
  }
}

if (!customElements.get('atelier-workspaces-view')) {
  customElements.define('atelier-workspaces-view', AtelierWorkspacesView);
}
