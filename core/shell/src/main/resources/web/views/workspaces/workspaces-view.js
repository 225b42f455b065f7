// The Workspaces & accounts view: create and delete workspaces; per workspace,
// list, add, reconnect (new credentials) and remove accounts with the credential
// form the platform declares, and edit an account's queue: the weekly time slots, on the wall clock of the
// workspace's zone, that the composer's "Add to queue" fills; "Propose from best
// times" adds the account's best hours to post (learned from its measured posts).
// Stored credentials are never shown: the API never returns them.
// A platform whose accounts sign in on the network (signIn) gets a "Sign in with …"
// button instead: the browser goes to the network and comes back to
// #/view/workspaces?ws=<ws>&signedIn=<account> (or &signInError=<why>).
// #/view/workspaces?ws=<ws>&queue=<account> opens that workspace and that queue.

import { api } from '/web/api.js';
import { confirmButton, el, formatInstant, markInvalid, messageArea } from '/web/dom.js';
import { DAYS, browserZone, dayName, zoneList } from '/web/posts.js';
import { viewParams } from '/web/route.js';

/** How many of an account's best hours "Propose from best times" offers. */
const PROPOSED_SLOTS = 5;

class AtelierWorkspacesView extends HTMLElement {
  #message = messageArea();
  #workspaceBody;
  #accountsSection;
  #selected = null; // the selected workspace
  #platforms = [];
  #queueSection = el('section', { class: 'queue-section' });
  #openQueue = null; // the account whose queue to open once its workspace is shown (from the address)
  #signedIn = null; // the account just added or reconnected by signing in on its network (from the address)

  connectedCallback() {
    const params = viewParams();
    if (params.get('ws')) this.#selected = { id: params.get('ws') };
    this.#openQueue = params.get('queue');
    this.#workspaceBody = el('tbody');
    // Back from a network's sign-in page: say how it went (text only: the reason may quote the network).
    this.#signedIn = params.get('signedIn'); // named once its workspace's accounts are shown
    if (params.get('signInError')) this.#message.show(`Sign-in failed: ${params.get('signInError')}`, 'error');
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
    if (this.#selected) this.#selected = workspaces.find((w) => w.id === this.#selected.id) || null;
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
    if (this.#signedIn) {
      const account = accounts.find((a) => a.id === this.#signedIn);
      this.#message.show(account ? `Account ${account.handle} (${account.platform}) signed in and connected.`
        : 'Account signed in and connected.', 'ok');
      this.#signedIn = null;
    }
    const rows = accounts.length === 0
      ? [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No account yet.'))]
      : accounts.map((account) => this.#accountRow(workspace, account));
    const shown = this.#queueSection.dataset.account;
    this.#queueSection.replaceChildren();
    delete this.#queueSection.dataset.account;
    this.#accountsSection.replaceChildren(
      el('h2', {}, `Accounts of “${workspace.name}”`),
      el('table', {},
        el('thead', {}, el('tr', {}, ['Platform', 'Handle', 'Endpoint', 'Status', 'Added', ''].map((t) => el('th', {}, t)))),
        el('tbody', {}, rows)),
      this.#queueSection,
      this.#accountForm(workspace));
    this.#brandingForm(workspace).then((form) => {
      if (form && this.#selected && this.#selected.id === workspace.id) this.#accountsSection.append(form);
    });
    // The queue that was open stays open; one named in the address opens once.
    const queued = accounts.find((a) => a.id === (this.#openQueue || shown));
    this.#openQueue = null;
    if (queued) await this.#showQueue(workspace, queued);
  }

  /**
   * The workspace's branding, what its clients see on the sign-off page and in
   * reports: a display name, a logo from its media library, an accent colour.
   * Shown to whoever may read it; saving needs the right to manage the workspace.
   */
  async #brandingForm(workspace) {
    const path = `/workspaces/${encodeURIComponent(workspace.id)}`;
    let branding;
    let media;
    try {
      [branding, media] = await Promise.all([
        api('GET', `${path}/branding`),
        api('GET', `${path}/media`).catch(() => []),
      ]);
    } catch {
      return null;
    }
    const images = media.filter((m) => String(m.mediaType).startsWith('image/'));
    const form = el('form', { id: 'branding-form', class: 'inline panel', novalidate: true },
      el('label', {}, 'Name shown to clients', el('input', {
        name: 'displayName', maxlength: 120, value: branding.displayName || '', placeholder: workspace.name,
      })),
      el('label', {}, 'Logo', el('select', { name: 'logo' },
        el('option', { value: '' }, 'None'),
        images.map((m) => el('option', { value: m.id, selected: m.id === branding.logo }, m.fileName || m.id)))),
      el('label', {}, 'Colour', el('input', { name: 'accent', type: 'color', value: branding.accent || '#3454d1' })),
      el('button', { type: 'submit', class: 'primary' }, 'Save branding'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await api('PUT', `${path}/branding`, {
          displayName: form.elements.displayName.value || null,
          logo: form.elements.logo.value || null,
          accent: form.elements.accent.value,
        });
        markInvalid(form, null);
        this.#message.show('The branding is saved: clients see it on their sign-off page.', 'ok');
      } catch (error) {
        markInvalid(form, error.field);
        this.#message.show(error.message, 'error');
      }
    });
    return el('section', { class: 'branding-section' }, el('h2', {}, 'Branding for clients'), form);
  }

  /** The queue editor of `account`: its weekly slots, read and saved in the workspace's zone. */
  async #showQueue(workspace, account) {
    const path = `/workspaces/${encodeURIComponent(workspace.id)}/accounts/${encodeURIComponent(account.id)}/queue`;
    this.#queueSection.dataset.account = account.id;
    let queue;
    try {
      queue = await api('GET', path);
    } catch (error) {
      this.#queueSection.replaceChildren(el('p', { class: 'message message-error' },
        `Could not read the queue of ${account.handle}: ${error.message}`));
      return;
    }
    if (this.#queueSection.dataset.account !== account.id) return; // another queue was opened meanwhile
    const rows = el('tbody');
    const empty = el('p', { class: 'muted queue-empty' },
      'No slot yet: "Add to queue" needs at least one. Add one below.');
    const message = messageArea();
    const refresh = () => {
      empty.hidden = rows.children.length > 0;
    };
    const addRow = (slot) => {
      const row = this.#slotRow(slot, refresh);
      rows.append(row);
      refresh();
      return row;
    };
    const form = el('form', { id: 'queue-editor', class: 'panel queue-editor', novalidate: true,
      dataset: { account: account.id } },
    el('h3', {}, `Queue of ${account.handle}`),
    el('p', { class: 'help queue-zone' }, `Weekly slots on the wall clock of ${queue.zone}, the workspace's time `
      + 'zone. "Add to queue" in the composer puts a post in the first slot no other post of the account takes.'),
    el('table', { class: 'queue-slots' },
      el('thead', {}, el('tr', {}, ['Day', 'Time', ''].map((t) => el('th', {}, t)))),
      rows),
    empty,
    el('div', { class: 'toolbar-group' },
      el('button', {
        type: 'button', dataset: { action: 'add-slot' },
        on: { click: () => addRow(this.#nextSlot(rows)) },
      }, 'Add a slot'),
      el('button', {
        type: 'button', dataset: { action: 'propose-slots' },
        on: { click: () => this.#proposeSlots(workspace, account, rows, addRow, message) },
      }, 'Propose from best times'),
      el('button', { type: 'submit', class: 'primary' }, 'Save queue'),
      el('button', {
        type: 'button', dataset: { action: 'close-queue' },
        on: {
          click: () => {
            this.#queueSection.replaceChildren();
            delete this.#queueSection.dataset.account;
          },
        },
      }, 'Close')),
    message.element);
    for (const slot of queue.slots) addRow(slot);
    refresh();
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const slots = [...rows.querySelectorAll('tr')].map((row) => ({
        day: row.querySelector('select[name=day]').value,
        time: row.querySelector('input[name=time]').value.slice(0, 5),
      }));
      this.#markSlot(rows, null);
      try {
        const saved = await api('PUT', path, { slots, zone: queue.zone });
        rows.replaceChildren();
        for (const slot of saved.slots) addRow(slot);
        refresh();
        message.show(saved.slots.length === 0 ? `The queue of ${account.handle} is empty now.`
          : `Queue of ${account.handle} saved: ${saved.slots.length} slot${saved.slots.length === 1 ? '' : 's'} a week, `
            + `in ${saved.zone}.`, 'ok');
      } catch (error) {
        this.#markSlot(rows, error.field);
        message.show(error.message, 'error');
      }
    });
    this.#queueSection.replaceChildren(form);
  }

  /**
   * Adds the account's best hours to post that the queue lacks, as new rows to
   * look at before saving: the hours of the week, in the workspace's zone, when its
   * posts of the last 90 days drew the most interactions.
   */
  async #proposeSlots(workspace, account, rows, addRow, message) {
    let best;
    try {
      best = await api('GET', `/workspaces/${encodeURIComponent(workspace.id)}/accounts/`
        + `${encodeURIComponent(account.id)}/best-times?limit=${PROPOSED_SLOTS}`);
    } catch (error) {
      message.show(error.status === 503 ? 'Best times come from reports, and reporting is not running here.'
        : `Could not read the best times of ${account.handle}: ${error.message}`, 'error');
      return;
    }
    if (best.length === 0) {
      message.show(`The best times of ${account.handle} are not known yet: they need 5 measured posts of the`
        + ' last 90 days.', 'info');
      return;
    }
    const taken = new Set([...rows.querySelectorAll('tr')].map((row) => `${row.querySelector('select[name=day]').value}`
      + ` ${row.querySelector('input[name=time]').value.slice(0, 5)}`));
    const added = [];
    for (const slot of best) {
      const time = `${String(slot.hour).padStart(2, '0')}:00`;
      if (taken.has(`${slot.day} ${time}`)) continue;
      addRow({ day: slot.day, time }).classList.add('queue-slot-proposed');
      added.push(`${dayName(slot.day)} ${time}`);
    }
    message.show(added.length === 0 ? `The queue already has the best times of ${account.handle}.`
      : `Proposed from the best times of ${account.handle}: ${added.join(', ')}. Save the queue to keep them.`, 'info');
  }

  /** A row of the queue editor: the day, the time and a button that removes it. */
  #slotRow(slot, removed) {
    const row = el('tr', { class: 'queue-slot' },
      el('td', {}, el('select', { name: 'day', 'aria-label': 'Day' },
        DAYS.map((day) => el('option', { value: day, selected: day === slot.day }, dayName(day))))),
      el('td', {}, el('input', { name: 'time', type: 'time', required: true, value: slot.time, 'aria-label': 'Time' })),
      el('td', { class: 'actions' }));
    row.lastChild.append(el('button', {
      type: 'button', class: 'danger', dataset: { action: 'remove-slot' },
      on: {
        click: () => {
          row.remove();
          removed();
        },
      },
    }, 'Remove'));
    return row;
  }

  /** A slot to add: the day after the last one, at its time (Monday 09:00 for the first). */
  #nextSlot(rows) {
    const last = rows.lastElementChild;
    if (!last) return { day: 'MONDAY', time: '09:00' };
    const day = last.querySelector('select[name=day]').value;
    return { day: DAYS[(DAYS.indexOf(day) + 1) % DAYS.length], time: last.querySelector('input[name=time]').value || '09:00' };
  }

  /** Marks the field of the slot a refusal names (`slots[1].time`); clears earlier marks. */
  #markSlot(rows, field) {
    for (const input of rows.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
    const match = /^slots\[(\d+)\](?:\.(day|time))?/.exec(field || '');
    if (!match) return;
    const row = rows.children[Number(match[1])];
    if (!row) return;
    for (const input of row.querySelectorAll(match[2] ? `[name=${match[2]}]` : 'select, input')) {
      input.setAttribute('aria-invalid', 'true');
    }
    const first = row.querySelector('[aria-invalid]');
    if (first) first.focus();
  }

  #accountRow(workspace, account) {
    const ok = account.status === 'CONNECTED';
    return el('tr', { dataset: { account: account.id } },
      el('td', {}, account.platform),
      el('td', {}, account.handle),
      el('td', { class: 'mono' }, account.endpoint || 'default'),
      el('td', {}, el('span', { class: ok ? 'badge badge-ok' : 'badge badge-warn' }, account.status)),
      el('td', {}, formatInstant(account.created)),
      el('td', { class: 'actions' }, el('button', {
        type: 'button', dataset: { action: 'queue' },
        on: { click: () => this.#showQueue(workspace, account) },
      }, 'Queue'), el('button', {
        type: 'button', dataset: { action: 'reconnect' }, class: ok ? '' : 'primary',
        on: { click: (event) => this.#showReconnect(workspace, account, event.target.closest('tr')) },
      }, 'Reconnect'), confirmButton('Remove', 'Confirm remove', async () => {
        try {
          await api('DELETE', `/workspaces/${encodeURIComponent(workspace.id)}/accounts/${encodeURIComponent(account.id)}`);
          this.#message.show(`Account ${account.handle} removed.`, 'ok');
        } catch (error) {
          this.#message.show(error.message, 'error');
        }
        await this.#showAccounts();
      })));
  }

  /**
   * Opens, under the account's row, the form of its platform's credentials; once the
   * platform accepts the new ones they replace the old (never shown) and the account
   * is connected again.
   */
  #showReconnect(workspace, account, row) {
    const next = row.nextElementSibling;
    if (next && next.classList.contains('reconnect-row')) {
      next.remove();
      return;
    }
    const platform = this.#platforms.find((p) => p.id === account.platform);
    const formMessage = messageArea();
    const signIn = platform && platform.signIn;
    const form = el('form', { class: 'stacked reconnect', novalidate: true, autocomplete: 'off' },
      el('p', { class: 'muted' }, signIn
        ? `Sign in on ${platform.name} as ${account.handle} again; the new tokens replace the old ones.`
        : `New credentials for ${account.handle}; the old ones are replaced once `
          + `${platform ? platform.name : account.platform} accepts them.`),
      ...credentialInputs(platform),
      formMessage.element,
      el('div', {}, el('button', { type: 'submit', class: 'primary' },
        signIn ? `Sign in with ${platform.name}` : 'Reconnect')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (signIn) {
        await goSignIn(formMessage, form, platform, `/workspaces/${encodeURIComponent(workspace.id)}/accounts/`
          + `${encodeURIComponent(account.id)}/sign-ins`, { credentials: credentialValues(form, platform) });
        return;
      }
      formMessage.show('Checking the credentials…', 'info');
      try {
        const connected = await api('PUT', `/workspaces/${encodeURIComponent(workspace.id)}/accounts/`
          + `${encodeURIComponent(account.id)}/credentials`, { credentials: credentialValues(form, platform) });
        this.#message.show(`Account ${connected.handle} reconnected (${connected.status}).`, 'ok');
        await this.#showAccounts();
      } catch (error) {
        markInvalid(form, error.field);
        formMessage.show(error.message, 'error');
      } finally {
        for (const input of form.querySelectorAll('input[type="password"]')) input.value = '';
      }
    });
    row.after(el('tr', { class: 'reconnect-row', dataset: { reconnect: account.id } },
      el('td', { colspan: row.children.length }, platform ? form
        : el('p', { class: 'muted' }, `The ${account.platform} plugin is not installed: install it to reconnect.`))));
    const first = form.querySelector('input');
    if (first && platform) first.focus();
  }

  #accountForm(workspace) {
    if (this.#platforms.length === 0) {
      return el('p', { class: 'muted' }, 'No platform is installed: install a platform plugin to add accounts.');
    }
    const credentialFields = el('div', { class: 'credentials' });
    const platformSelect = el('select', { name: 'platform', required: true },
      this.#platforms.map((platform) => el('option', { value: platform.id }, platform.name)));
    const formMessage = messageArea();
    const submit = el('button', { type: 'submit', class: 'primary' }, 'Add account');
    const form = el('form', { class: 'stacked panel', novalidate: true, autocomplete: 'off' },
      el('h3', {}, 'Add an account'),
      el('label', {}, 'Platform', platformSelect),
      el('label', {}, 'Handle', el('input', { name: 'handle', required: true, autocomplete: 'off' })),
      el('label', {}, 'Endpoint (optional)',
        el('input', { name: 'endpoint', type: 'url', placeholder: 'the network\u2019s default server', autocomplete: 'off' })),
      credentialFields,
      formMessage.element,
      el('div', {}, submit));

    const renderCredentials = () => {
      const platform = this.#platforms.find((p) => p.id === platformSelect.value);
      credentialFields.replaceChildren(...credentialInputs(platform));
      // Signing in on the network gives the handle: nothing to type.
      const handle = form.elements.handle;
      handle.closest('label').hidden = platform.signIn;
      handle.required = !platform.signIn;
      submit.textContent = platform.signIn ? `Sign in with ${platform.name}` : 'Add account';
    };
    platformSelect.addEventListener('change', renderCredentials);
    renderCredentials();

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const platform = this.#platforms.find((p) => p.id === platformSelect.value);
      if (platform.signIn) {
        await goSignIn(formMessage, form, platform, `/workspaces/${encodeURIComponent(workspace.id)}/accounts/sign-ins`,
          { platform: platform.id, endpoint: form.elements.endpoint.value || null,
            credentials: credentialValues(form, platform) });
        return;
      }
      const body = {
        platform: platform.id,
        handle: form.elements.handle.value,
        endpoint: form.elements.endpoint.value || null,
        credentials: credentialValues(form, platform),
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

/**
 * Begins a sign-in on the network and sends the browser there; the network sends
 * it back to the workbench, which lands on this view saying how it went.
 */
async function goSignIn(formMessage, form, platform, path, body) {
  formMessage.show(`Opening ${platform.name}…`, 'info');
  try {
    const started = await api('POST', path, body);
    window.location.assign(started.url);
  } catch (error) {
    markInvalid(form, error.field);
    formMessage.show(error.message, 'error');
  } finally {
    for (const input of form.querySelectorAll('input[type="password"]')) input.value = '';
  }
}

/** The inputs of a platform's credential form (`credentials.<name>`), secrets as passwords. */
function credentialInputs(platform) {
  return (platform ? platform.credentials : []).map((field) => el('label', {},
    field.label + (field.required ? '' : ' (optional)'),
    el('input', {
      name: `credentials.${field.name}`,
      type: field.secret ? 'password' : 'text',
      autocomplete: field.secret ? 'new-password' : 'off',
      required: field.required,
    }),
    field.help ? el('span', { class: 'help' }, field.help) : null));
}

/** The credentials typed in `form` for `platform`, without the empty ones. */
function credentialValues(form, platform) {
  const credentials = {};
  for (const field of platform.credentials) {
    const value = form.elements[`credentials.${field.name}`].value;
    if (value !== '') credentials[field.name] = value;
  }
  return credentials;
}

if (!customElements.get('atelier-workspaces-view')) {
  customElements.define('atelier-workspaces-view', AtelierWorkspacesView);
}
