// The Post view (#/view/post?ws=<ws>&id=<post>): one post with its state, its
// time on the wall clock of its zone and in UTC, what it publishes on each
// account (its images shown from the workspace's media library, each with its
// alt text) and what each network answered (a link only for http(s) addresses),
// its review (the step it waits at, who approved; Approve or Ask for changes
// when the person may decide), its comments, and its history. Edit opens the
// composer; Cancel and "cancel this and later ones" ask for a second click. While a post is publishing, or due within a
// minute, the view reads it again every few seconds, so the state changes
// under the person's eyes. Every text comes from people and networks and goes
// into the page as text.

import { api } from '/web/api.js';
import { confirmButton, el, formatInstant, messageArea } from '/web/dom.js';
import { viewHref, viewParams } from '/web/route.js';
import {
  CHANGEABLE, accountLabel, browserZone, decisionControls, formatLocal, formatUtc, httpUrl, paintAccount, postPath,
  stateBadge, workspacePath,
} from '/web/posts.js';

/** How often a post about to be published, or being published, is read again. */
const FAST_REFRESH_MS = 3000;
/** How close its time must be for a scheduled post to be watched that closely. */
const SOON_MS = 60000;
/** The longest wait before a later post is looked at again (the page may stay open for hours). */
const SLOW_REFRESH_MS = 300000;
/** States in which nothing is left to cancel. */
const FINAL = new Set(['PUBLISHED', 'CANCELLED']);

class AtelierPostView extends HTMLElement {
  #message = messageArea();
  #heading = el('h1', {}, 'Post');
  #content = el('div', { class: 'post-detail' });
  #workspaceId = null;
  #postId = null;
  #post = null;
  #accounts = new Map();
  #platforms = [];
  #people = new Map(); // person id → display name, when the role may read the members
  #timer = null;
  #busy = false;
  #shown = null; // the post as last drawn, as JSON
  #review = null; // where the post stands in review, when it is in review
  #comments = []; // null when the person may not read them

  async connectedCallback() {
    const params = viewParams();
    this.#workspaceId = params.get('ws');
    this.#postId = params.get('id');
    this.replaceChildren(this.#heading, this.#message.element, this.#content);
    if (!this.#workspaceId || !this.#postId) {
      this.#content.replaceChildren(el('p', { class: 'muted' }, 'Open a post from the ',
        el('a', { href: viewHref('calendar') }, 'Calendar'), '.'));
      return;
    }
    const workspace = workspacePath(this.#workspaceId);
    // Names for ids: what cannot be read (a role without the right) leaves the ids shown.
    const [accounts, platforms, members] = await Promise.all([
      api('GET', `${workspace}/accounts`).catch(() => []),
      api('GET', '/platforms').catch(() => []),
      api('GET', `${workspace}/members`).catch(() => []),
    ]);
    this.#accounts = new Map(accounts.map((a) => [a.id, a]));
    this.#platforms = platforms;
    this.#people = new Map(members.map((m) => [m.personId, m.displayName || m.email]));
    await this.#load();
  }

  disconnectedCallback() {
    clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #load() {
    clearTimeout(this.#timer);
    this.#timer = null;
    let post;
    try {
      const path = postPath(this.#workspaceId, this.#postId);
      post = await api('GET', path);
      [this.#review, this.#comments] = await Promise.all([
        post.state === 'IN_REVIEW' ? api('GET', `${path}/review`).catch(() => null) : null,
        api('GET', `${path}/comments`).catch(() => null),
      ]);
    } catch (error) {
      if (!this.isConnected) return;
      this.#message.show(`Could not read the post ${this.#postId}: ${error.message}`, 'error');
      if (!this.#post) {
        this.#content.replaceChildren();
        return;
      }
      this.#watch(); // a passing failure: try again as before
      return;
    }
    if (!this.isConnected) return;
    this.#post = post;
    // Drawn again only when it changed, so a Cancel waiting for its second click is not reset.
    const shown = JSON.stringify([post, this.#review, this.#comments]);
    if (shown !== this.#shown) {
      this.#shown = shown;
      this.#render();
    }
    this.#watch();
  }

  /** Reads the post again soon while it is publishing or about to be. */
  #watch() {
    const post = this.#post;
    if (!post || !this.isConnected) return;
    const due = post.at ? Date.parse(post.at) - Date.now() : Infinity;
    let wait = null;
    if (post.state === 'PUBLISHING' || (post.state === 'SCHEDULED' && due < SOON_MS)) {
      wait = FAST_REFRESH_MS;
    } else if (post.state === 'SCHEDULED') {
      wait = Math.min(due - SOON_MS + 1000, SLOW_REFRESH_MS);
    }
    if (wait !== null) this.#timer = setTimeout(() => this.#load(), wait);
  }

  #accountName(id) {
    const account = this.#accounts.get(id);
    return account ? accountLabel(account, this.#platforms) : id;
  }

  #actorName(actor) {
    if (actor === 'system') return 'Atelier';
    if (actor === 'dispatcher') return 'the dispatcher';
    return this.#people.get(actor) || actor || '';
  }

  #render() {
    const post = this.#post;
    const browser = browserZone();
    this.#heading.replaceChildren('Post ', el('span', { class: 'post-state', dataset: { state: post.state } },
      stateBadge(post.state)));
    const facts = el('dl', { class: 'facts post-facts' },
      el('dt', {}, 'State'), el('dd', { class: 'post-state-text' }, stateBadge(post.state)),
      el('dt', {}, 'Planned for'),
      el('dd', { class: 'post-local', dataset: { local: post.localAt || '' } },
        post.localAt ? `${formatLocal(post.localAt)} (${post.zone})` : `No time yet (${post.zone})`),
      post.at ? [el('dt', {}, 'In UTC'), el('dd', { class: 'post-utc mono' }, formatUtc(post.at))] : null,
      post.at && browser !== post.zone
        ? [el('dt', {}, 'Your time'), el('dd', {}, `${formatInstant(post.at)} (${browser})`)] : null,
      post.series ? [el('dt', {}, 'Series'), el('dd', { class: 'mono' }, post.series)] : null,
      el('dt', {}, 'Created'),
      el('dd', {}, formatInstant(post.createdAt), post.createdBy ? ` by ${this.#actorName(post.createdBy)}` : ''),
      el('dt', {}, 'Changed'), el('dd', {}, `${formatInstant(post.updatedAt)} · version ${post.version}`),
      el('dt', {}, 'Id'), el('dd', { class: 'mono' }, post.id));
    this.#content.replaceChildren(
      this.#actions(post),
      el('section', { class: 'panel' }, facts),
      this.#reviewPanel(post),
      el('h2', {}, 'Per account'),
      el('div', { class: 'post-accounts' }, (post.accounts || []).map((id) => this.#accountSection(post, id))),
      this.#commentsPanel(post),
      el('h2', {}, 'History'),
      this.#history(post.history || []));
  }

  /** Where a post in review stands; Approve and Ask for changes for whoever may decide now. */
  #reviewPanel(post) {
    const review = this.#review;
    if (post.state !== 'IN_REVIEW' || !review) return null;
    const names = (list) => list.map((a) => a.name).join(', ');
    const decide = async (what, call) => {
      try {
        await call();
        this.#message.show(what, 'ok');
      } catch (error) {
        this.#message.show(error.message, 'error');
      }
      await this.#load();
    };
    return el('section', { class: 'panel post-review', dataset: { step: review.step } },
      el('h2', {}, 'Review'),
      el('p', {}, review.steps > 1 ? `Step ${review.step} of ${review.steps}: ` : '',
        review.approvers.length === 0 ? 'waits for someone who may schedule posts.'
          : `waits for ${review.mode === 'ALL' ? 'all of' : 'one of'} ${names(review.approvers)}.`,
        review.approvedBy.length > 0 ? ` Approved so far by ${names(review.approvedBy)}.` : ''),
      review.mayDecide ? decisionControls(post, decide,
        (text) => this.#message.show(text, 'error')) : null);
  }

  /** The post's comments, oldest first, and a form to add one. */
  #commentsPanel(post) {
    if (this.#comments === null) return null;
    const text = el('textarea', { name: 'comment', rows: 2, maxlength: 4000, 'aria-label': 'New comment' });
    const form = el('form', { class: 'comment-form' }, text,
      el('button', { type: 'submit' }, 'Comment'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!text.value.trim()) return;
      try {
        await api('POST', `${postPath(this.#workspaceId, post.id)}/comments`, { text: text.value });
        this.#message.show('Comment added.', 'ok');
      } catch (error) {
        this.#message.show(error.message, 'error');
      }
      await this.#load();
    });
    return el('section', { class: 'post-comments' },
      el('h2', {}, 'Comments'),
      this.#comments.length === 0 ? el('p', { class: 'muted' }, 'No comments yet.')
        : el('ul', { class: 'comments' }, this.#comments.map((c) => el('li', { class: 'comment' },
          el('span', { class: 'comment-author' }, c.authorName), ' ',
          el('span', { class: 'muted' }, formatInstant(c.at)),
          el('p', { class: 'comment-text' }, c.text)))),
      form);
  }

  #actions(post) {
    const changeable = CHANGEABLE.has(post.state);
    const path = postPath(this.#workspaceId, post.id);
    const run = async (what, call) => {
      if (this.#busy) return;
      this.#busy = true;
      for (const button of this.#content.querySelectorAll('.post-actions button')) button.disabled = true;
      try {
        await call();
        this.#message.show(what, 'ok');
      } catch (error) {
        this.#message.show(error.message, 'error');
      } finally {
        this.#busy = false;
      }
      await this.#load();
    };
    return el('div', { class: 'post-actions toolbar' },
      el('div', { class: 'toolbar-group' },
        changeable ? el('a', {
          class: 'button-link', dataset: { action: 'edit' },
          href: viewHref('composer', { ws: this.#workspaceId, post: post.id }),
        }, 'Edit') : null,
        changeable ? el('button', {
          type: 'button', class: 'primary', dataset: { action: 'publish-now' },
          on: { click: () => run('Publishing now.', () => api('POST', `${path}/publish-now`)) },
        }, 'Publish now') : null,
        FINAL.has(post.state) || post.state === 'PUBLISHING' ? null
          : confirmButton('Cancel', 'Really cancel?',
            () => run('Cancelled.', () => api('POST', `${path}/cancel`)), { dataset: { action: 'cancel' } }),
        post.series && !FINAL.has(post.state) && post.state !== 'PUBLISHING'
          ? confirmButton('Cancel this and later ones', 'Really cancel them all?',
            () => run('This post and the later ones of its series are cancelled.',
              () => api('POST', `${path}/cancel`, { series: true })), { dataset: { action: 'cancel-series' } })
          : null),
      el('a', { href: viewHref('calendar') }, 'Calendar'));
  }

  #accountSection(post, id) {
    const variant = (post.variants && post.variants[id]) || {};
    const result = post.results ? post.results[id] : null;
    const text = typeof variant.text === 'string' ? variant.text : '';
    const thread = Array.isArray(variant.thread) ? variant.thread : [];
    const media = Array.isArray(variant.media) ? variant.media : [];
    return paintAccount(el('section', { class: 'post-account panel', dataset: { account: id } },
      el('h3', {}, el('span', { class: 'account-dot', 'aria-hidden': 'true' }), this.#accountName(id)),
      el('p', { class: 'post-text' }, text),
      thread.length === 0 ? null : el('div', {},
        el('p', { class: 'muted' }, 'Then, as replies:'),
        el('ol', { class: 'post-thread' }, thread.map((part) => el('li', { class: 'post-text' }, String(part))))),
      media.length === 0 ? null : el('ul', { class: 'post-media' }, media.map((m) => this.#medium(m))),
      this.#result(result)), id);
  }

  /**
   * One medium of a variant: a thumbnail for an image of the library (its content
   * is served in a sandbox, never run), its type and size, and its alt text.
   */
  #medium(medium) {
    const id = String(medium.id || '');
    const type = String(medium.mediaType || '');
    const alt = typeof medium.alt === 'string' ? medium.alt : '';
    const fromLibrary = /^med_[A-Za-z0-9_-]+$/.test(id);
    return el('li', { class: 'post-medium', dataset: { media: id } },
      fromLibrary && type.startsWith('image/')
        ? el('img', {
          class: 'media-thumb', alt,
          src: `/api/v1${workspacePath(this.#workspaceId)}/media/${encodeURIComponent(id)}/content`,
        })
        : el('span', { class: 'media-thumb media-video' }, type === 'video/mp4' ? 'MP4' : 'file'),
      el('div', {},
        el('span', { class: 'muted' }, `${type || 'file'}${medium.size ? `, ${medium.size} bytes` : ''}`),
        alt ? el('p', { class: 'post-alt' }, el('span', { class: 'muted' }, 'Alt text: '), alt)
          : el('p', { class: 'post-alt post-alt-missing' }, 'No alt text.')));
  }

  #result(result) {
    if (!result) return el('p', { class: 'muted post-result' }, 'Not published yet.');
    const url = httpUrl(result.url);
    return el('dl', { class: 'facts post-result', dataset: { state: String(result.state) } },
      el('dt', {}, 'On this account'), el('dd', {}, stateBadge(result.state),
        result.attempts ? ` after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}` : ''),
      result.publishedAt ? [el('dt', {}, 'Published'), el('dd', {}, formatInstant(result.publishedAt))] : null,
      result.url ? [el('dt', {}, 'Address'), el('dd', {}, url
        ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'post-url' }, url)
        : el('span', { class: 'mono' }, result.url))] : null,
      result.remoteId ? [el('dt', {}, 'Id on the network'), el('dd', { class: 'mono' }, result.remoteId)] : null,
      result.error ? [el('dt', {}, 'Error'), el('dd', { class: 'post-error' }, result.error)] : null);
  }

  #history(history) {
    const rows = history.map((change) => el('tr', {},
      el('td', { class: 'when', title: change.at || '' }, formatInstant(change.at)),
      el('td', {}, change.account ? this.#accountName(change.account) : 'the post'),
      el('td', { class: 'history-change' },
        change.from ? stateBadge(change.from) : el('span', { class: 'muted' }, 'new'), ' → ', stateBadge(change.to)),
      el('td', {}, this.#actorName(change.actor)),
      el('td', {}, change.reason || '')));
    return el('table', { class: 'history' },
      el('thead', {}, el('tr', {}, ['When', 'Account', 'Change', 'By', 'Reason'].map((t) => el('th', {}, t)))),
      el('tbody', {}, rows.length > 0 ? rows
        : el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'Nothing has happened to this post yet.'))));
  }
}

if (!customElements.get('atelier-post-view')) {
  customElements.define('atelier-post-view', AtelierPostView);
}
