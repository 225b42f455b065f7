// The Listening view (#/view/listening?ws=<ws>): for one workspace, its listening
// queries (list, write, change, remove) with an editor that checks the query as it
// is typed (POST …/queries/check, half a second after typing stops) and marks
// where a problem is, and a preview of the recent mentions the query would have
// matched (POST …/queries/preview); the sources it listens to (its accounts and
// others such as feeds) with how their last poll went, pause, resume and remove,
// and a form to add a source of any kind a plugin offers (GET /source-kinds),
// built from that kind's settings; the workspace's moderation (its charter and its
// rules, moderation-panel.js); and the stream of recent mentions, read again
// every few seconds, filtered by query. Mentions come from the internet: their
// text, authors and links go into the page as text, and only http(s) links
// become links.

import { api } from '/web/api.js';
import { confirmButton, el, formatInstant, markInvalid, messageArea } from '/web/dom.js';
import { viewHref } from '/web/route.js';
import { workspacePath } from '/web/posts.js';
import { moderationPanel } from '/web/views/listening/moderation-panel.js';
import {
  mentionCard, may, openWorkspaces, rememberListeningWorkspace, settingsFields, settingsValues,
} from '/web/listening.js';

/** How long typing must stop before the query is checked. */
const CHECK_DELAY_MS = 400;
/** How often the stream of mentions is read again while the page is visible. */
const STREAM_REFRESH_MS = 5000;
/** How often the sources' status is read again. */
const SOURCES_REFRESH_MS = 15000;
const STREAM_LIMIT = 50;
const PREVIEW_LIMIT = 20;
const SOURCE_STATES = Object.freeze({ ACTIVE: 'active', FAILING: 'failing', PAUSED: 'paused' });
/** What a query counts for the share of voice of reports; a competitor is named by the query's name. */
const VOICES = Object.freeze({
  '': 'Neither the brand nor a competitor', BRAND: 'The brand', COMPETITOR: 'A competitor (named by the query’s name)',
});
const VOICE_BADGES = Object.freeze({ BRAND: 'brand', COMPETITOR: 'competitor' });

/**
 * The query as typed with the character at `position` marked (a blank is marked
 * when the problem is at the end), as text nodes around a <mark>.
 */
function markedQuery(query, position) {
  const at = Math.max(0, Math.min(position, query.length));
  return el('pre', { class: 'query-marker', dataset: { position: at }, 'aria-hidden': 'true' },
    query.slice(0, at), el('mark', { class: 'query-mark' }, query.slice(at, at + 1) || ' '), query.slice(at + 1));
}

class AtelierListeningView extends HTMLElement {
  #message = messageArea();
  #me = null;
  #workspaces = [];
  #workspaceId = null;
  #picker = el('select', { name: 'workspace', 'aria-label': 'Workspace' });
  #queriesBody = el('tbody');
  #editorPanel = el('section', { class: 'panel query-editor-panel' });
  #sourcesBody = el('tbody');
  #sourceForm = el('div', { class: 'source-add' });
  #moderation = el('div', { class: 'moderation-area' });
  #streamFilter = el('select', { name: 'stream-query', 'aria-label': 'Show the mentions of' });
  #stream = el('ol', { class: 'mention-stream' });
  #streamUpdated = el('span', { class: 'muted stream-updated', role: 'status' });
  #queries = [];
  #sources = [];
  #streamShown = null;
  #sourcesShown = null;
  #streamTimer = null;
  #sourcesTimer = null;
  // The editor
  #editing = null; // the query being changed, or null for a new one
  #nameInput = el('input', { name: 'name', required: true, maxlength: 200, autocomplete: 'off' });
  #queryInput = el('textarea', {
    name: 'query', rows: 3, maxlength: 2000, spellcheck: 'false', autocomplete: 'off', required: true,
  });
  #voiceInput = el('select', { name: 'voice' },
    Object.entries(VOICES).map(([value, label]) => el('option', { value }, label)));
  #checkArea = el('div', { class: 'query-check', 'aria-live': 'polite' });
  #preview = el('div', { class: 'query-preview' });
  #checkTimer = null;
  #checks = 0;
  #editorForm;

  async connectedCallback() {
    this.replaceChildren(el('h1', {}, 'Listening'), this.#message.element);
    const opened = await openWorkspaces('listening.read', this.#picker, this.#message,
      'You listen in no workspace: your role must allow reading the listening.');
    if (!opened) return;
    ({ me: this.#me, workspaces: this.#workspaces, workspaceId: this.#workspaceId } = opened);
    this.#picker.addEventListener('change', () => this.#open(this.#picker.value));
    this.#streamFilter.addEventListener('change', () => this.#loadStream(true));
    this.#buildEditor();
    this.append(
      el('div', { class: 'toolbar' }, el('label', { class: 'inline-label' }, 'Workspace', this.#picker)),
      el('h2', {}, 'Queries'),
      el('p', { class: 'muted' }, 'Each mention polled is matched against every query of the workspace; the mentions'
        + ' a query matches go to the inbox. Words, "phrases", prefix*, AND, OR, NOT or -, parentheses, and lang:,'
        + ' source:, sentiment: filters.'),
      el('table', { class: 'queries' },
        el('thead', {}, el('tr', {}, ['Name', 'Query', 'Changed', ''].map((t) => el('th', {}, t)))),
        this.#queriesBody),
      this.#editorPanel,
      el('h2', {}, 'Sources'),
      el('table', { class: 'sources' },
        el('thead', {}, el('tr', {}, ['Source', 'Kind', 'Status', 'Mentions', 'Last poll', 'Next poll', '']
          .map((t) => el('th', {}, t)))),
        this.#sourcesBody),
      this.#sourceForm,
      this.#moderation,
      el('h2', {}, 'Recent mentions'),
      el('div', { class: 'toolbar' },
        el('label', { class: 'inline-label' }, 'Show', this.#streamFilter), this.#streamUpdated),
      this.#stream);
    await this.#open(this.#workspaceId);
  }

  disconnectedCallback() {
    clearTimeout(this.#streamTimer);
    clearTimeout(this.#sourcesTimer);
    clearTimeout(this.#checkTimer);
    this.#streamTimer = null;
    this.#sourcesTimer = null;
  }

  get #path() {
    return workspacePath(this.#workspaceId);
  }

  get #manages() {
    return may(this.#me, this.#workspaceId, 'listening.manage');
  }

  /** Shows workspace `id`: its queries, sources and mentions. */
  async #open(id) {
    this.#workspaceId = id;
    rememberListeningWorkspace(id);
    this.#message.clear();
    this.#streamShown = null;
    this.#sourcesShown = null;
    this.#resetEditor();
    this.#editorPanel.hidden = !this.#manages;
    await Promise.all([this.#loadQueries(), this.#loadSources(), this.#loadSourceKinds()]);
    await this.#loadModeration();
    await this.#loadStream(true);
  }

  // --- queries

  async #loadQueries() {
    const workspace = this.#workspaceId;
    try {
      const queries = await api('GET', `${this.#path}/queries`);
      if (workspace !== this.#workspaceId) return; // another workspace was opened meanwhile
      this.#queries = queries;
    } catch (error) {
      this.#message.show(`Could not read the queries: ${error.message}`, 'error');
      return;
    }
    const filtered = this.#streamFilter.value;
    this.#streamFilter.replaceChildren(el('option', { value: '' }, 'every mention'),
      ...this.#queries.map((q) => el('option', { value: q.id, selected: q.id === filtered }, `matched by ${q.name}`)));
    const manage = this.#manages;
    this.#queriesBody.replaceChildren(...(this.#queries.length === 0
      ? [el('tr', { class: 'empty' }, el('td', { colspan: 4, class: 'muted' }, 'No query yet.'))]
      : this.#queries.map((q) => el('tr', { dataset: { query: q.id } },
        el('td', { class: 'query-name' }, q.name, q.voice
          ? el('span', { class: 'badge query-voice', dataset: { voice: q.voice } }, VOICE_BADGES[q.voice]) : null),
        el('td', {}, el('code', { class: 'query-text' }, q.query)),
        el('td', { class: 'when' }, formatInstant(q.updatedAt)),
        el('td', {}, manage ? el('div', { class: 'toolbar-group' },
          el('button', { type: 'button', dataset: { action: 'edit' }, on: { click: () => this.#edit(q) } }, 'Edit'),
          confirmButton('Remove', 'Really remove?', () => this.#removeQuery(q), { dataset: { action: 'remove' } }))
          : null)))));
  }

  async #removeQuery(query) {
    try {
      await api('DELETE', `${this.#path}/queries/${encodeURIComponent(query.id)}`);
      this.#message.show(`The query “${query.name}” is removed.`, 'ok');
      if (this.#editing && this.#editing.id === query.id) this.#resetEditor();
    } catch (error) {
      this.#message.show(error.message, 'error');
    }
    await this.#loadQueries();
  }

  #buildEditor() {
    this.#queryInput.addEventListener('input', () => {
      clearTimeout(this.#checkTimer);
      this.#checkTimer = setTimeout(() => this.#check(), CHECK_DELAY_MS);
    });
    const form = el('form', { id: 'query-editor', class: 'stacked query-editor' },
      el('label', {}, 'Name', this.#nameInput),
      el('label', {}, 'Query', this.#queryInput),
      this.#checkArea,
      el('label', {}, 'Share of voice', this.#voiceInput),
      el('div', { class: 'toolbar-group' },
        el('button', { type: 'submit', class: 'primary', dataset: { action: 'save-query' } }, 'Save query'),
        el('button', { type: 'button', dataset: { action: 'new-query' }, on: { click: () => this.#resetEditor() } },
          'New query')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#save();
    });
    this.#editorForm = form;
    this.#editorPanel.replaceChildren(el('h3', { class: 'query-editor-title' }, 'New query'), form,
      el('h3', {}, 'What it would have found'), this.#preview);
  }

  #resetEditor() {
    this.#editing = null;
    this.#nameInput.value = '';
    this.#queryInput.value = '';
    this.#voiceInput.value = '';
    this.#editorPanel.dataset.query = '';
    const title = this.#editorPanel.querySelector('.query-editor-title');
    if (title) title.textContent = 'New query';
    this.#showCheck(null);
    this.#preview.replaceChildren(el('p', { class: 'muted' }, 'Type a query to see the recent mentions it matches.'));
  }

  #edit(query) {
    this.#editing = query;
    this.#nameInput.value = query.name;
    this.#queryInput.value = query.query;
    this.#voiceInput.value = query.voice || '';
    this.#editorPanel.dataset.query = query.id;
    this.#editorPanel.querySelector('.query-editor-title').textContent = `Change “${query.name}”`;
    this.#editorPanel.scrollIntoView({ block: 'nearest' });
    this.#check();
  }

  /** Checks the query typed and, when it can run, previews what it matches. */
  async #check() {
    const query = this.#queryInput.value;
    const check = ++this.#checks;
    if (!query.trim()) {
      this.#showCheck(null);
      this.#preview.replaceChildren(el('p', { class: 'muted' }, 'Type a query to see the recent mentions it matches.'));
      return;
    }
    let answer;
    try {
      answer = await api('POST', `${this.#path}/queries/check`, { query });
    } catch (error) {
      if (check === this.#checks) this.#showCheck({ valid: false, message: `Could not check it: ${error.message}` });
      return;
    }
    if (check !== this.#checks || !this.isConnected) return;
    this.#showCheck(answer, query);
    if (!answer.valid) {
      this.#preview.replaceChildren(el('p', { class: 'muted' }, 'No preview until the query can run.'));
      return;
    }
    let mentions;
    try {
      mentions = await api('POST', `${this.#path}/queries/preview`, { query, limit: PREVIEW_LIMIT });
    } catch (error) {
      if (check === this.#checks) this.#preview.replaceChildren(el('p', { class: 'muted' }, error.message));
      return;
    }
    if (check !== this.#checks || !this.isConnected) return;
    const names = this.#sourceNames();
    this.#preview.replaceChildren(mentions.length === 0
      ? el('p', { class: 'muted', dataset: { empty: 'preview' } }, 'None of the last 500 mentions matches it.')
      : el('ol', { class: 'mention-list', dataset: { count: mentions.length } },
        mentions.map((m) => el('li', {}, mentionCard(m, names)))));
  }

  /**
   * Shows how the check went: nothing (null), valid, or the problem with the
   * query marked where it is and a button that puts the cursor there.
   */
  #showCheck(answer, query = '') {
    this.#queryInput.removeAttribute('aria-invalid');
    if (!answer) {
      this.#checkArea.replaceChildren();
      return;
    }
    if (answer.valid) {
      this.#checkArea.replaceChildren(el('p', { class: 'query-valid' }, 'The query can run.'));
      return;
    }
    this.#queryInput.setAttribute('aria-invalid', 'true');
    const position = Number.isInteger(answer.position) ? answer.position : null;
    this.#checkArea.replaceChildren(el('div', { class: 'query-problem', role: 'alert',
      dataset: { position: position === null ? '' : position } },
    el('p', { class: 'field-problem' }, String(answer.message || 'The query cannot run.'),
      position === null ? '' : ` (at character ${position + 1})`),
    position === null ? null : markedQuery(query, position),
    position === null ? null : el('button', {
      type: 'button', class: 'link-button',
      on: {
        click: () => {
          this.#queryInput.focus();
          this.#queryInput.setSelectionRange(position, Math.min(position + 1, query.length));
        },
      },
    }, 'Go to the problem')));
  }

  async #save() {
    const body = {
      name: this.#nameInput.value.trim(), query: this.#queryInput.value, voice: this.#voiceInput.value || null,
    };
    const editing = this.#editing;
    let saved;
    try {
      saved = editing
        ? await api('PUT', `${this.#path}/queries/${encodeURIComponent(editing.id)}`, body)
        : await api('POST', `${this.#path}/queries`, body);
    } catch (error) {
      if (error.field === 'query' && error.position !== null) {
        this.#showCheck({ valid: false, message: error.message, position: error.position }, body.query);
      } else {
        markInvalid(this.#editorForm, error.field);
      }
      this.#message.show(error.message, 'error');
      return;
    }
    markInvalid(this.#editorForm, null);
    this.#message.show(`The query “${saved.name}” is saved: new mentions it matches go to the inbox.`, 'ok');
    await this.#loadQueries();
    this.#edit(saved);
  }

  // --- sources

  #sourceNames() {
    return new Map(this.#sources.map((s) => [s.id, s.name]));
  }

  async #loadSources() {
    clearTimeout(this.#sourcesTimer);
    this.#sourcesTimer = null;
    const workspace = this.#workspaceId;
    try {
      const sources = await api('GET', `${this.#path}/sources`);
      if (workspace !== this.#workspaceId) return; // another workspace was opened meanwhile
      this.#sources = sources;
    } catch (error) {
      this.#message.show(`Could not read the sources: ${error.message}`, 'error');
      return;
    } finally {
      if (this.isConnected && workspace === this.#workspaceId) {
        clearTimeout(this.#sourcesTimer);
        this.#sourcesTimer = setTimeout(() => this.#loadSources(), SOURCES_REFRESH_MS);
      }
    }
    const shown = JSON.stringify(this.#sources);
    if (shown === this.#sourcesShown) return;
    this.#sourcesShown = shown;
    const manage = this.#manages;
    this.#sourcesBody.replaceChildren(...(this.#sources.length === 0
      ? [el('tr', { class: 'empty' }, el('td', { colspan: 7, class: 'muted' },
        'Nothing yet: accounts whose network reports mentions are listened to a few seconds after they are added.'))]
      : this.#sources.map((s) => el('tr', { dataset: { source: s.id, status: s.status } },
        el('td', {}, s.name),
        el('td', {}, s.account ? 'account' : s.kind),
        el('td', {},
          el('span', { class: `badge source-status source-${String(s.status).toLowerCase()}`, dataset: { status: s.status } },
            SOURCE_STATES[s.status] || String(s.status).toLowerCase()),
          s.failures > 1 ? el('span', { class: 'muted' }, ` ${s.failures} times in a row`) : null,
          s.lastError ? el('p', { class: 'source-error' }, s.lastError) : null),
        el('td', {}, String(s.mentionsSeen)),
        el('td', { class: 'when' }, s.lastPolledAt ? formatInstant(s.lastPolledAt) : 'not yet'),
        el('td', { class: 'when' }, s.status === 'PAUSED' ? '' : formatInstant(s.nextPollAt)),
        el('td', {}, manage ? el('div', { class: 'toolbar-group' },
          s.status === 'PAUSED'
            ? el('button', { type: 'button', dataset: { action: 'resume' }, on: { click: () => this.#pause(s, false) } },
              'Resume')
            : el('button', { type: 'button', dataset: { action: 'pause' }, on: { click: () => this.#pause(s, true) } },
              'Pause'),
          s.status === 'FAILING'
            ? el('button', { type: 'button', dataset: { action: 'retry' }, on: { click: () => this.#pause(s, false) } },
              'Poll now') : null,
          s.account ? null : confirmButton('Remove', 'Really remove it and its mentions?',
            () => this.#removeSource(s), { dataset: { action: 'remove' } })) : null)))));
  }

  async #pause(source, paused) {
    try {
      await api('POST', `${this.#path}/sources/${encodeURIComponent(source.id)}/${paused ? 'pause' : 'resume'}`);
      this.#message.show(paused ? `“${source.name}” is paused.` : `“${source.name}” is polled again.`, 'ok');
    } catch (error) {
      this.#message.show(error.message, 'error');
    }
    await this.#loadSources();
  }

  async #removeSource(source) {
    try {
      await api('DELETE', `${this.#path}/sources/${encodeURIComponent(source.id)}`);
      this.#message.show(`“${source.name}” is removed with its mentions.`, 'ok');
    } catch (error) {
      this.#message.show(error.message, 'error');
    }
    await this.#loadSources();
  }

  /** The charter and the moderation rules, with the queries, sources and members they name. */
  async #loadModeration() {
    const manages = may(this.#me, this.#workspaceId, 'moderation.manage');
    const members = manages ? await api('GET', `${this.#path}/members`).catch(() => []) : [];
    this.#moderation.replaceChildren(moderationPanel({
      path: this.#path, queries: this.#queries, sources: this.#sources, members, manages, message: this.#message,
    }));
  }

  /** The form adding a source of a kind some plugin offers, its fields those of the kind's settings. */
  async #loadSourceKinds() {
    if (!this.#manages) {
      this.#sourceForm.replaceChildren();
      return;
    }
    let kinds;
    try {
      kinds = await api('GET', '/source-kinds');
    } catch (error) {
      this.#sourceForm.replaceChildren(el('p', { class: 'muted' }, `Source kinds unavailable: ${error.message}`));
      return;
    }
    if (kinds.length === 0) {
      this.#sourceForm.replaceChildren(el('p', { class: 'muted', dataset: { empty: 'source-kinds' } },
        'No installed plugin offers sources besides accounts (such as feeds).'));
      return;
    }
    const kindSelect = el('select', { name: 'kind' }, kinds.map((k) => el('option', { value: k.id }, k.name)));
    const settings = el('div', { class: 'inline-fields source-settings' });
    const drawSettings = () => {
      const kind = kinds.find((k) => k.id === kindSelect.value) || kinds[0];
      settings.replaceChildren(...settingsFields(kind));
    };
    kindSelect.addEventListener('change', drawSettings);
    drawSettings();
    const form = el('form', { id: 'source-add', class: 'panel stacked source-form' },
      el('h3', {}, 'Add a source'),
      el('div', { class: 'inline-fields' },
        el('label', {}, 'Kind', kindSelect),
        el('label', {}, 'Source name',
          el('input', { name: 'name', required: true, maxlength: 200, autocomplete: 'off' }))),
      settings,
      el('div', {}, el('button', { type: 'submit', class: 'primary' }, 'Add source')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const kind = kinds.find((k) => k.id === kindSelect.value);
      try {
        const added = await api('POST', `${this.#path}/sources`,
          { kind: kind.id, name: form.elements.name.value, settings: settingsValues(form, kind) });
        markInvalid(form, null);
        form.reset();
        drawSettings();
        this.#message.show(`“${added.name}” is added; its first poll runs now.`, 'ok');
      } catch (error) {
        markInvalid(form, error.field);
        this.#message.show(error.message, 'error');
      }
      await this.#loadSources();
    });
    this.#sourceForm.replaceChildren(form);
  }

  // --- the stream

  /** Reads the recent mentions (of the query filtered on) and redraws them when they changed. */
  async #loadStream(now = false) {
    clearTimeout(this.#streamTimer);
    this.#streamTimer = null;
    if (now) this.#streamShown = null;
    const workspace = this.#workspaceId;
    const query = new URLSearchParams({ limit: String(STREAM_LIMIT) });
    if (this.#streamFilter.value) query.set('query', this.#streamFilter.value);
    if (document.visibilityState !== 'hidden' || now) {
      try {
        const mentions = await api('GET', `${this.#path}/mentions?${query}`);
        if (workspace === this.#workspaceId && this.isConnected) this.#drawStream(mentions);
      } catch (error) {
        this.#streamUpdated.textContent = `Could not read the mentions: ${error.message}`;
      }
    }
    if (this.isConnected && workspace === this.#workspaceId) {
      clearTimeout(this.#streamTimer);
      this.#streamTimer = setTimeout(() => this.#loadStream(), STREAM_REFRESH_MS);
    }
  }

  #drawStream(mentions) {
    this.#streamUpdated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    const shown = JSON.stringify(mentions);
    if (shown === this.#streamShown) return;
    this.#streamShown = shown;
    const names = this.#sourceNames();
    const queryNames = new Map(this.#queries.map((q) => [q.id, q.name]));
    this.#stream.replaceChildren(...(mentions.length === 0
      ? [el('li', { class: 'muted', dataset: { empty: 'stream' } }, this.#streamFilter.value
        ? 'No mention matched this query since it was saved.' : 'No mention yet.')]
      : mentions.map((m) => el('li', {}, mentionCard(m, names,
        el('div', { class: 'mention-foot' },
          (m.queries || []).map((id) => el('span', { class: 'badge mention-query', dataset: { query: id } },
            queryNames.get(id) || id)),
          m.item ? el('a', { href: viewHref('inbox', { ws: this.#workspaceId, item: m.item }) }, 'In the inbox')
            : null))))));
  }
}

if (!customElements.get('atelier-listening-view')) {
  customElements.define('atelier-listening-view', AtelierListeningView);
}
