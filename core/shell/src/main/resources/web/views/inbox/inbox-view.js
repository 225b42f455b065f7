// The Inbox view (#/view/inbox?ws=<ws>&item=<id>): the mentions that need a
// person, newest first, filtered by status and by whose they are (mine,
// unassigned, everybody's), read again every few seconds; and the item picked:
// its mention, who handles it (assign to a member of the workspace, or to
// oneself), its status, its first response time, the answers sent on the network
// with how each ended (IN_REVIEW with Approve and Turn down when the workspace's
// answers need approval, REJECTED; SENDING, then SENT, FAILED or UNKNOWN with the network's
// words: the item is read again until none is sending), the answer box with the
// saved replies ({author} filled in with the mention's author), and the team's
// internal notes. Assigning and changing the status send the version read; when
// someone changed the item meanwhile (409) it is read again and the person told.
// Mentions come from the internet: text, authors and links go in as text, and
// only http(s) links become links.

import { api } from '/web/api.js';
import { confirmButton, el, formatInstant, messageArea } from '/web/dom.js';
import { httpUrl, workspacePath } from '/web/posts.js';
import {
  ITEM_STATUSES, fillSavedReply, formatDuration, itemStatusBadge, mentionCard, may, moderationBadges,
  openWorkspaces, rememberListeningWorkspace, replyStateBadge,
} from '/web/listening.js';

/** How often the list is read again while the page is visible. */
const LIST_REFRESH_MS = 8000;
/** How often an item with an answer still sending is read again. */
const SENDING_REFRESH_MS = 1500;
const PAGE = 50;
const MAX_PAGE = 500;
/** What each status button says. */
const STATUS_ACTIONS = Object.freeze({
  NEW: 'Mark as new', IN_PROGRESS: 'In progress', ANSWERED: 'Mark answered', CLOSED: 'Close',
});
const WHO = Object.freeze({ mine: 'Mine', unassigned: 'Unassigned', all: 'Everybody’s' });

class AtelierInboxView extends HTMLElement {
  #message = messageArea();
  #me = null;
  #workspaces = [];
  #workspaceId = null;
  #members = [];
  #savedReplies = [];
  #items = [];
  #listShown = null;
  #who = 'all';
  #picker = el('select', { name: 'workspace', 'aria-label': 'Workspace' });
  #status = el('select', { name: 'status', 'aria-label': 'Status' },
    el('option', { value: '' }, 'every status'),
    Object.entries(ITEM_STATUSES).map(([value, label]) => el('option', { value }, label)));
  #whoButtons = Object.entries(WHO).map(([who, label]) => el('button', {
    type: 'button', dataset: { who }, 'aria-pressed': String(who === 'all'),
  }, label));
  #list = el('ol', { class: 'inbox-items' });
  #approval = el('input', { type: 'checkbox', name: 'replies-need-approval' });
  #approvalLabel = el('label', { class: 'checkbox', hidden: true }, this.#approval,
    'Answers need the approval workflow');
  #more = el('button', { type: 'button', class: 'more', hidden: true }, 'More');
  #pane = el('section', { class: 'inbox-pane' });
  #listTimer = null;
  // The open item
  #itemId = null;
  #detail = null;
  #detailShown = null;
  #detailTimer = null;
  #head = el('div', { class: 'inbox-detail-head' });
  #replies = el('div', { class: 'inbox-replies-area' });
  #notes = el('div', { class: 'inbox-notes-area' });
  #answer = null;
  #savedSelect = null;

  async connectedCallback() {
    this.replaceChildren(el('h1', {}, 'Inbox'), this.#message.element);
    const opened = await openWorkspaces('inbox.read', this.#picker, this.#message,
      'You have no inbox: your role in a workspace must allow reading it.');
    if (!opened) return;
    ({ me: this.#me, workspaces: this.#workspaces, workspaceId: this.#workspaceId } = opened);
    const { params } = opened;
    this.#picker.addEventListener('change', () => this.#open(this.#picker.value, null));
    this.#status.addEventListener('change', () => this.#loadItems(true));
    for (const button of this.#whoButtons) {
      button.addEventListener('click', () => {
        this.#who = button.dataset.who;
        for (const b of this.#whoButtons) b.setAttribute('aria-pressed', String(b === button));
        this.#loadItems(true);
      });
    }
    this.#more.addEventListener('click', () => this.#loadMore());
    this.#approval.addEventListener('change', async () => {
      try {
        const settings = await api('PUT', `${this.#path}/inbox-settings`,
          { repliesNeedApproval: this.#approval.checked });
        this.#message.show(settings.repliesNeedApproval ? 'Answers now wait for the approval workflow.'
          : 'Answers are now sent at once.', 'ok');
      } catch (error) {
        this.#approval.checked = !this.#approval.checked;
        this.#message.show(error.message, 'error');
      }
    });
    this.append(
      el('div', { class: 'toolbar inbox-toolbar' },
        el('div', { class: 'toolbar-group' },
          el('label', { class: 'inline-label' }, 'Workspace', this.#picker),
          el('label', { class: 'inline-label' }, 'Status', this.#status),
          el('div', { class: 'segmented', role: 'group', 'aria-label': 'Whose' }, this.#whoButtons)),
        this.#approvalLabel),
      el('div', { class: 'inbox' },
        el('section', { class: 'inbox-list' }, this.#list, this.#more),
        this.#pane));
    await this.#open(this.#workspaceId, params.get('item'));
  }

  disconnectedCallback() {
    clearTimeout(this.#listTimer);
    clearTimeout(this.#detailTimer);
    this.#listTimer = null;
    this.#detailTimer = null;
  }

  get #path() {
    return workspacePath(this.#workspaceId);
  }

  #itemPath(id) {
    return `${this.#path}/inbox/${encodeURIComponent(id)}`;
  }

  #memberName(id) {
    if (!id) return 'nobody';
    if (id === this.#me.person.id) return `${this.#me.person.displayName} (you)`;
    const member = this.#members.find((m) => m.personId === id);
    return member ? member.displayName || member.email : id;
  }

  async #open(workspaceId, itemId) {
    this.#workspaceId = workspaceId;
    rememberListeningWorkspace(workspaceId);
    this.#message.clear();
    const [members, savedReplies, settings] = await Promise.all([
      api('GET', `${this.#path}/members`).catch(() => []),
      api('GET', `${this.#path}/saved-replies`).catch(() => []),
      api('GET', `${this.#path}/inbox-settings`).catch(() => ({ repliesNeedApproval: false })),
    ]);
    if (workspaceId !== this.#workspaceId) return; // another workspace was picked meanwhile
    this.#members = members;
    this.#savedReplies = savedReplies;
    this.#approval.checked = settings.repliesNeedApproval;
    this.#approvalLabel.hidden = !may(this.#me, workspaceId, 'approvals.manage');
    this.#closeItem();
    await this.#loadItems(true);
    if (itemId) await this.#openItem(itemId);
  }

  // --- the list

  #listQuery(limit) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (this.#status.value) query.set('status', this.#status.value);
    if (this.#who === 'mine') query.set('assignee', 'me');
    if (this.#who === 'unassigned') query.set('assignee', '');
    return query;
  }

  /** Reads the list again (as many items as shown, at least a page) and redraws it when it changed. */
  async #loadItems(fresh = false) {
    clearTimeout(this.#listTimer);
    this.#listTimer = null;
    const workspace = this.#workspaceId;
    if (fresh) this.#listShown = null;
    const limit = fresh ? PAGE : Math.min(MAX_PAGE, Math.max(PAGE, this.#items.length));
    if (fresh || document.visibilityState !== 'hidden') {
      try {
        const items = await api('GET', `${this.#path}/inbox?${this.#listQuery(limit)}`);
        if (workspace !== this.#workspaceId || !this.isConnected) return;
        this.#items = items;
        this.#more.hidden = items.length < limit;
        this.#drawList();
        this.#noticeChange();
      } catch (error) {
        this.#message.show(`Could not read the inbox: ${error.message}`, 'error');
      }
    }
    if (this.isConnected && workspace === this.#workspaceId) {
      clearTimeout(this.#listTimer);
      this.#listTimer = setTimeout(() => this.#loadItems(), LIST_REFRESH_MS);
    }
  }

  async #loadMore() {
    const last = this.#items[this.#items.length - 1];
    if (!last) return;
    const query = this.#listQuery(PAGE);
    query.set('before', last.id);
    try {
      const more = await api('GET', `${this.#path}/inbox?${query}`);
      this.#items = this.#items.concat(more);
      this.#more.hidden = more.length < PAGE;
      this.#drawList();
    } catch (error) {
      this.#message.show(error.message, 'error');
    }
  }

  #drawList() {
    const shown = JSON.stringify([this.#items, this.#itemId]);
    if (shown === this.#listShown) return;
    this.#listShown = shown;
    this.#list.replaceChildren(...(this.#items.length === 0
      ? [el('li', { class: 'muted', dataset: { empty: 'inbox' } }, 'Nothing here.')]
      : this.#items.map((item) => el('li', {
        class: 'inbox-row', dataset: { item: item.id, status: item.status },
        'aria-current': item.id === this.#itemId ? 'true' : null,
      }, el('button', {
        type: 'button', class: 'inbox-item', on: { click: () => this.#openItem(item.id) },
      },
      el('span', { class: 'inbox-item-head' },
        el('span', { class: 'mention-author' }, item.mention.author || 'someone'),
        itemStatusBadge(item.status), moderationBadges(item)),
      el('span', { class: 'inbox-item-text mention-text' }, String(item.mention.text || '')),
      el('span', { class: 'inbox-item-foot muted' }, formatInstant(item.createdAt),
        item.assignee ? ` · ${this.#memberName(item.assignee)}` : ''))))));
  }

  /** When the list shows the open item at another version, reads the item again. */
  #noticeChange() {
    if (!this.#detail) return;
    const listed = this.#items.find((i) => i.id === this.#itemId);
    if (listed && listed.version !== this.#detail.item.version) this.#loadDetail();
  }

  // --- the item

  #closeItem() {
    clearTimeout(this.#detailTimer);
    this.#itemId = null;
    this.#detail = null;
    this.#detailShown = null;
    this.#pane.replaceChildren(el('p', { class: 'muted inbox-pick' }, 'Pick an item to read and answer it.'));
  }

  async #openItem(id) {
    clearTimeout(this.#detailTimer);
    this.#itemId = id;
    this.#detail = null;
    this.#detailShown = null;
    this.#drawList();
    this.#answer = el('textarea', { name: 'answer', rows: 4, maxlength: 10000, 'aria-label': 'Answer' });
    this.#savedSelect = el('select', { name: 'saved-reply', 'aria-label': 'Saved reply' });
    const handle = may(this.#me, this.#workspaceId, 'inbox.handle');
    const reply = may(this.#me, this.#workspaceId, 'inbox.reply');
    this.#pane.replaceChildren(el('article', { class: 'inbox-detail panel', dataset: { item: id } },
      this.#head,
      el('h3', {}, 'Answers'),
      this.#replies,
      reply ? this.#answerForm() : null,
      el('h3', {}, 'Internal notes'),
      el('p', { class: 'muted' }, 'Seen by the team only, never sent.'),
      this.#notes,
      handle ? this.#noteForm() : null));
    this.#head.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
    this.#replies.replaceChildren();
    this.#notes.replaceChildren();
    this.#drawSavedReplies();
    await this.#loadDetail();
  }

  /** Reads the open item; draws what changed; while an answer is sending, reads it again soon. */
  async #loadDetail() {
    clearTimeout(this.#detailTimer);
    this.#detailTimer = null;
    const id = this.#itemId;
    if (!id) return;
    let detail;
    try {
      detail = await api('GET', this.#itemPath(id));
    } catch (error) {
      if (id !== this.#itemId) return;
      this.#message.show(`Could not read the item: ${error.message}`, 'error');
      if (error.status === 404) this.#closeItem();
      return;
    }
    if (id !== this.#itemId || !this.isConnected) return;
    this.#detail = detail;
    const shown = JSON.stringify(detail);
    if (shown !== this.#detailShown) {
      this.#detailShown = shown;
      this.#drawDetail();
      // The list shows the item as it is now, too.
      const index = this.#items.findIndex((i) => i.id === id);
      if (index >= 0) {
        this.#items[index] = detail.item;
        this.#drawList();
      }
    }
    if (detail.replies.some((r) => r.state === 'SENDING')) {
      this.#detailTimer = setTimeout(() => this.#loadDetail(), SENDING_REFRESH_MS);
    }
  }

  #drawDetail() {
    const { item, replies, notes } = this.#detail;
    const article = this.#pane.querySelector('.inbox-detail');
    article.dataset.status = item.status;
    article.dataset.version = String(item.version);
    const handle = may(this.#me, this.#workspaceId, 'inbox.handle');
    const answeredAfter = item.firstResponseAt
      ? formatDuration(Date.parse(item.firstResponseAt) - Date.parse(item.createdAt)) : null;
    this.#head.replaceChildren(
      el('h2', { class: 'inbox-detail-title' }, item.mention.author || 'someone', ' ', itemStatusBadge(item.status),
        moderationBadges(item)),
      mentionCard(item.mention),
      el('dl', { class: 'facts inbox-facts' },
        el('dt', {}, 'Received'), el('dd', {}, formatInstant(item.createdAt)),
        el('dt', {}, 'Handled by'), el('dd', { class: 'inbox-assignee', dataset: { assignee: item.assignee || '' } },
          this.#memberName(item.assignee)),
        el('dt', {}, 'First response'), el('dd', { class: 'inbox-first-response' }, answeredAfter
          ? `after ${answeredAfter} (${formatInstant(item.firstResponseAt)})` : 'not answered yet'),
        el('dt', {}, 'Changed'), el('dd', {}, `${formatInstant(item.updatedAt)} · version ${item.version}`)),
      handle ? this.#controls(item) : null);
    this.#replies.replaceChildren(replies.length === 0
      ? el('p', { class: 'muted' }, 'No answer sent yet.')
      : el('ol', { class: 'inbox-replies' }, replies.map((r) => this.#replyEntry(r))));
    this.#notes.replaceChildren(notes.length === 0
      ? el('p', { class: 'muted' }, 'No note yet.')
      : el('ul', { class: 'comments inbox-notes' }, notes.map((n) => el('li', { class: 'comment inbox-note' },
        el('span', { class: 'comment-author' }, n.authorName || n.author), ' ',
        el('span', { class: 'muted' }, formatInstant(n.at)),
        el('p', { class: 'comment-text' }, n.text)))));
  }

  #replyEntry(reply) {
    const url = httpUrl(reply.url);
    return el('li', { class: 'inbox-reply', dataset: { reply: reply.id, state: reply.state } },
      el('div', { class: 'inbox-reply-head' }, replyStateBadge(reply.state), ' ',
        el('span', { class: 'muted' }, `${this.#memberName(reply.author)} · ${formatInstant(reply.createdAt)}`),
        url ? [' · ', el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, 'Open on the network')]
          : null),
      el('p', { class: 'reply-text' }, reply.text),
      reply.error ? el('p', { class: 'reply-error' }, reply.error) : null,
      reply.state === 'UNKNOWN' ? el('p', { class: 'muted' },
        'Look on the network before answering again: it may have taken this answer.') : null,
      reply.state === 'IN_REVIEW' ? this.#reviewButtons(reply) : null);
  }

  /**
   * Approve and Turn down for an answer waiting for approval; the server decides
   * who may (the workflow's approvers) and says so when someone may not.
   */
  #reviewButtons(reply) {
    const path = `${this.#itemPath(this.#itemId)}/replies/${encodeURIComponent(reply.id)}`;
    const decide = async (action, body) => {
      try {
        const after = await api('POST', `${path}/${action}`, body);
        this.#message.show(after.state === 'SENDING' ? 'Approved: the answer is being sent.'
          : after.state === 'REJECTED' ? 'Turned down: the answer will not be sent.'
            : 'Approved: the answer waits for the next step of the workflow.', 'ok');
      } catch (error) {
        this.#message.show(error.message, 'error');
      }
      await this.#loadDetail();
    };
    const reason = el('input', { name: 'reason', autocomplete: 'off', maxlength: 500, placeholder: 'why (optional)',
      'aria-label': 'Why it is turned down' });
    return el('div', { class: 'toolbar-group inbox-review' },
      el('button', { type: 'button', class: 'primary', dataset: { action: 'approve-reply' },
        on: { click: () => decide('approve') } }, 'Approve'),
      reason,
      el('button', { type: 'button', dataset: { action: 'reject-reply' },
        on: { click: () => decide('reject', { reason: reason.value || null }) } }, 'Turn down'));
  }

  /** Assign (to a member, to oneself, to nobody) and the status buttons. */
  #controls(item) {
    const assignee = el('select', { name: 'assignee', 'aria-label': 'Assign to' },
      el('option', { value: '', selected: !item.assignee }, 'nobody'),
      this.#members.map((m) => el('option', { value: m.personId, selected: m.personId === item.assignee },
        m.displayName || m.email)));
    const meMember = this.#members.some((m) => m.personId === this.#me.person.id);
    return el('div', { class: 'inbox-controls' },
      el('div', { class: 'toolbar-group' },
        el('label', { class: 'inline-label' }, 'Assign to', assignee),
        el('button', {
          type: 'button', dataset: { action: 'assign' },
          on: { click: () => this.#change('assign', { assignee: assignee.value || null }) },
        }, 'Assign'),
        meMember && item.assignee !== this.#me.person.id ? el('button', {
          type: 'button', class: 'primary', dataset: { action: 'assign-me' },
          on: { click: () => this.#change('assign', { assignee: this.#me.person.id }) },
        }, 'Assign to me') : null),
      el('div', { class: 'toolbar-group inbox-status-actions' },
        Object.keys(ITEM_STATUSES).filter((s) => s !== item.status).map((status) => el('button', {
          type: 'button', dataset: { action: 'status', status },
          on: { click: () => this.#change('status', { status }) },
        }, STATUS_ACTIONS[status]))));
  }

  /** A conditional change of the open item (`assign` or `status`), with the version read. */
  async #change(what, body) {
    const item = this.#detail.item;
    for (const button of this.#head.querySelectorAll('.inbox-controls button')) button.disabled = true;
    try {
      const changed = await api('POST', `${this.#itemPath(item.id)}/${what}`, { ...body, version: item.version });
      this.#message.show(what === 'assign'
        ? `Handled by ${this.#memberName(changed.assignee)}.`
        : `The item is ${ITEM_STATUSES[changed.status] || changed.status}.`, 'ok');
    } catch (error) {
      this.#message.show(error.status === 409
        ? 'Someone changed this item meanwhile: it is shown again as it is now. Look, then do it again if it is'
          + ' still needed.'
        : error.message, 'error');
    }
    await this.#loadDetail();
    await this.#loadItems();
  }

  #answerForm() {
    const form = el('form', { id: 'inbox-answer', class: 'stacked inbox-answer' },
      el('div', { class: 'toolbar-group' },
        el('label', { class: 'inline-label' }, 'Saved reply', this.#savedSelect),
        el('button', {
          type: 'button', dataset: { action: 'insert-saved' }, on: { click: () => this.#insertSaved() },
        }, 'Insert')),
      el('label', {}, 'Answer, sent on the network in the workspace’s name', this.#answer),
      el('div', { class: 'toolbar-group' },
        el('button', { type: 'submit', class: 'primary', dataset: { action: 'send' } }, 'Send answer')),
      this.#savedRepliesEditor());
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = this.#answer.value;
      if (!text.trim()) {
        this.#message.show('Write the answer first.', 'error');
        this.#answer.focus();
        return;
      }
      const send = form.querySelector('button[data-action=send]');
      send.disabled = true;
      try {
        const reply = await api('POST', `${this.#itemPath(this.#itemId)}/replies`, { text });
        this.#answer.value = '';
        this.#message.show('The answer is on its way.', 'ok');
        // Shown at once as sending; reading the item again tells how it ended.
        if (this.#detail) {
          this.#detail.replies.push(reply);
          this.#detailShown = null;
          this.#drawDetail();
        }
      } catch (error) {
        this.#message.show(error.message, 'error');
      } finally {
        send.disabled = false;
      }
      await this.#loadDetail();
    });
    return form;
  }

  /** Puts the saved reply picked where the cursor is in the answer, {author} filled in. */
  #insertSaved() {
    const saved = this.#savedReplies.find((s) => s.id === this.#savedSelect.value);
    if (!saved || !this.#detail) return;
    const text = fillSavedReply(saved.text, this.#detail.item.mention);
    const answer = this.#answer;
    answer.setRangeText(text, answer.selectionStart, answer.selectionEnd, 'end');
    answer.focus();
  }

  #drawSavedReplies() {
    this.#savedSelect.replaceChildren(...(this.#savedReplies.length === 0
      ? [el('option', { value: '' }, 'none saved yet')]
      : this.#savedReplies.map((s) => el('option', { value: s.id }, s.name))));
    const list = this.#pane.querySelector('.saved-replies');
    if (!list) return;
    list.replaceChildren(...this.#savedReplies.map((s) => el('li', { dataset: { savedReply: s.id } },
      el('strong', {}, s.name), ' ', el('span', { class: 'muted saved-reply-text' }, s.text), ' ',
      confirmButton('Remove', 'Really remove?', () => this.#removeSaved(s)))));
  }

  /** Saves the answer written as a saved reply under a name; lists and removes them. */
  #savedRepliesEditor() {
    const name = el('input', { name: 'saved-name', maxlength: 200, autocomplete: 'off', 'aria-label': 'Name' });
    return el('details', { class: 'saved-replies-editor' },
      el('summary', {}, 'Saved replies'),
      el('p', { class: 'help' }, 'Write the answer above, name it and save it; {author} becomes the author of the'
        + ' mention it answers.'),
      el('div', { class: 'toolbar-group' }, name, el('button', {
        type: 'button', dataset: { action: 'save-reply' },
        on: {
          click: async () => {
            try {
              await api('PUT', `${this.#path}/saved-replies`, { name: name.value.trim(), text: this.#answer.value });
              this.#message.show(`Saved as “${name.value.trim()}”.`, 'ok');
              name.value = '';
            } catch (error) {
              this.#message.show(error.message, 'error');
            }
            await this.#reloadSaved();
          },
        },
      }, 'Save the answer as')),
      el('ul', { class: 'saved-replies' }));
  }

  async #reloadSaved() {
    try {
      this.#savedReplies = await api('GET', `${this.#path}/saved-replies`);
    } catch (error) {
      this.#message.show(error.message, 'error');
    }
    this.#drawSavedReplies();
  }

  async #removeSaved(saved) {
    try {
      await api('DELETE', `${this.#path}/saved-replies/${encodeURIComponent(saved.id)}`);
    } catch (error) {
      this.#message.show(error.message, 'error');
    }
    await this.#reloadSaved();
  }

  #noteForm() {
    const text = el('textarea', { name: 'note', rows: 2, maxlength: 4000, 'aria-label': 'New note' });
    const form = el('form', { id: 'inbox-note', class: 'comment-form' }, text,
      el('button', { type: 'submit', dataset: { action: 'add-note' } }, 'Add note'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!text.value.trim()) return;
      try {
        await api('POST', `${this.#itemPath(this.#itemId)}/notes`, { text: text.value });
        text.value = '';
        this.#message.show('Note added.', 'ok');
      } catch (error) {
        this.#message.show(error.message, 'error');
      }
      await this.#loadDetail();
    });
    return form;
  }
}

if (!customElements.get('atelier-inbox-view')) {
  customElements.define('atelier-inbox-view', AtelierInboxView);
}
