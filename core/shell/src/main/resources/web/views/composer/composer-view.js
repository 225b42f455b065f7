// The Composer view: write a post once and adapt it per account. Pick the
// accounts, write the common text, override it in an account's tab where that
// network needs something else; each account shows its length as its network
// counts it (GET /api/v1/platforms: lengthRule, maxLength) and a preview of the
// text and media as they will read. Images and videos are uploaded to the
// workspace's media library (POST …/media) as soon as they are chosen, with a
// progress bar, and attached by id with the alt text written for each. While
// typing, the post is checked by the workbench and its connectors
// (POST …/posts/check, which writes nothing) and each message is shown next to
// the field it names. Then: schedule at a time of the chosen zone, add to the
// accounts' queue (the next free slot is shown beforehand), publish now, or save
// a draft. The chosen accounts' best hours to post, learned from their measured
// posts (GET …/best-times), are offered next to the time: picking one sets it.
// With #/view/composer?ws=<ws>&post=<id> it edits that post (PATCH with the
// version read, so a post changed meanwhile is refused rather than overwritten).
// Every text comes from people and goes into the page as text.

import { api, upload } from '/web/api.js';
import { el, messageArea } from '/web/dom.js';
import { viewHref, viewParams } from '/web/route.js';
import {
  CHANGEABLE, accountLabel, dayName, formatLocal, formatUtc, lengthUnit, localIn, nextWeekly, paintAccount,
  postPath, rememberWorkspace, rememberedWorkspace, sentence, stateBadge, textLength, workspacePath, zoneList,
} from '/web/posts.js';

/** How long typing pauses before the post is checked. */
const CHECK_DELAY_MS = 500;
/** What the media library takes (core/shell README, Media); anything else is refused with 415. */
const MEDIA_TYPES = Object.freeze(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4']);
/** The largest file the media library takes; a larger one is refused here rather than sent for nothing. */
const MAX_MEDIA_BYTES = 50 * 1024 * 1024;
/** How many best hours are offered per account, and for how many of the chosen accounts. */
const BEST_TIMES = 3;
const BEST_TIMES_ACCOUNTS = 4;

/** 'YYYY-MM-DDTHH:mm:ss' → what a datetime-local input holds (seconds only when not zero). */
function inputValue(local) {
  if (!local) return '';
  const text = local.slice(0, 19);
  return text.length === 19 && text.endsWith(':00') ? text.slice(0, 16) : text;
}

/** The text most accounts share: the common text of a post read back for editing. */
function commonText(post) {
  const counts = new Map();
  for (const id of post.accounts || []) {
    const variant = post.variants && post.variants[id];
    const text = variant && typeof variant.text === 'string' ? variant.text : '';
    counts.set(text, (counts.get(text) || 0) + 1);
  }
  let best = '';
  let most = 0;
  for (const [text, count] of counts) {
    if (count > most) {
      best = text;
      most = count;
    }
  }
  return best;
}

/** A list of media as compared when a post is read back: ids and alt texts, in order. */
function mediaKey(media) {
  return JSON.stringify((media || []).map((m) => [m.id, m.alt || '']));
}

/** The media most accounts of a post share: the common media of a post read back for editing. */
function commonMedia(post) {
  const counts = new Map();
  for (const id of post.accounts || []) {
    const variant = post.variants && post.variants[id];
    const media = variant && Array.isArray(variant.media) ? variant.media : [];
    const key = mediaKey(media);
    const seen = counts.get(key);
    counts.set(key, { media, count: seen ? seen.count + 1 : 1 });
  }
  let best = [];
  let most = 0;
  for (const { media, count } of counts.values()) {
    if (count > most) {
      best = media;
      most = count;
    }
  }
  return best;
}

/** A medium as the form keeps it: the library's facts and the alt text being written. */
function medium(item) {
  return {
    id: String(item.id), mediaType: String(item.mediaType || ''), size: Number(item.size) || 0,
    fileName: item.fileName || null, alt: typeof item.alt === 'string' ? item.alt : '',
  };
}

function isImage(item) {
  return item.mediaType.startsWith('image/');
}

/** "PNG image, 12.3 KiB", for people. */
function describeMedium(item) {
  const subtype = item.mediaType.slice(item.mediaType.indexOf('/') + 1).toUpperCase();
  const kind = isImage(item) ? `${subtype} image` : item.mediaType === 'video/mp4' ? 'MP4 video' : item.mediaType;
  return item.size ? `${kind}, ${formatBytes(item.size)}` : kind;
}

function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The index a media field names: `media[2]` or `variants.acc_1.media[2]` → 2; null without one. */
function mediaIndex(field) {
  const match = /media\[(\d+)\]/.exec(field);
  return match ? Number(match[1]) : null;
}

class AtelierComposerView extends HTMLElement {
  #message = messageArea();
  #done = el('div', { class: 'composer-done' });
  #workspaces = [];
  #workspace = null;
  #platforms = [];
  #accounts = [];
  #post = null; // the post being edited, as last read or written
  #body = el('div', { class: 'composer-body' });
  #heading = el('h1', {}, 'Compose');
  #picker = null;
  // the form, built per workspace
  #form = null;
  #boxes = new Map(); // account id → checkbox
  #overrides = new Map(); // account id → textarea
  #panels = new Map(); // '' (common) or account id → tab panel
  #problemLists = new Map(); // area → ul
  #text = null;
  #at = null;
  #zone = null;
  #due = el('p', { class: 'help composer-due' });
  #tabs = el('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Text per account' });
  #previews = el('div', { class: 'previews' });
  #buttons = [];
  #active = '';
  #checkTimer = null;
  #checks = 0;
  // media: the common ones in order, those an edited post keeps per account, uploads under way
  #media = [];
  #ownMedia = new Map(); // account id → media of its own, read from the post being edited
  #mediaList = el('ul', { class: 'media-list', 'aria-label': 'Attached media' });
  #uploads = el('ul', { class: 'media-uploads', 'aria-live': 'polite' });
  #ownMediaNote = el('p', { class: 'help', hidden: true });
  #uploading = 0;
  #uploadStop = null; // AbortController of the uploads of the current form
  #previewImages = new Map(); // 'account|medium' → img, kept so a redraw does not fetch the file again
  // the queue: the next free slot of the chosen accounts
  #queueNote = el('p', { class: 'help composer-queue' });
  #queueKey = null;
  #queueLookups = 0;
  // the best hours to post of the chosen accounts
  #bestNote = el('div', { class: 'help composer-best' });
  #bestLookups = 0;

  async connectedCallback() {
    this.replaceChildren(this.#heading, this.#message.element, this.#done, this.#body);
    const params = viewParams();
    try {
      [this.#workspaces, this.#platforms] = await Promise.all([api('GET', '/workspaces'), api('GET', '/platforms')]);
    } catch (error) {
      this.#message.show(`Could not read the workspaces and platforms: ${error.message}`, 'error');
      return;
    }
    if (this.#workspaces.length === 0) {
      this.#body.replaceChildren(el('p', { class: 'muted' }, 'No workspace yet: create one in ',
        el('a', { href: viewHref('workspaces') }, 'Workspaces & accounts'), ' and add its accounts.'));
      return;
    }
    const wanted = params.get('ws') || rememberedWorkspace();
    this.#workspace = this.#workspaces.find((w) => w.id === wanted) || this.#workspaces[0];
    const postId = params.get('post');
    if (postId) {
      try {
        this.#post = await api('GET', postPath(this.#workspace.id, postId));
      } catch (error) {
        this.#message.show(`Could not open the post ${postId}: ${error.message}`, 'error');
        return;
      }
    }
    await this.#build(params.get('at'));
  }

  disconnectedCallback() {
    clearTimeout(this.#checkTimer);
    if (this.#uploadStop) this.#uploadStop.abort();
  }

  /** Builds the form for the current workspace (and the post being edited, if any). */
  async #build(at) {
    try {
      this.#accounts = await api('GET', `${workspacePath(this.#workspace.id)}/accounts`);
    } catch (error) {
      this.#message.show(`Could not list the accounts of “${this.#workspace.name}”: ${error.message}`, 'error');
      this.#accounts = [];
    }
    const post = this.#post;
    this.#checks++; // an answer still on its way was for the form this replaces
    clearTimeout(this.#checkTimer);
    this.#heading.replaceChildren(...(post ? ['Edit post ', stateBadge(post.state)] : ['Compose']));
    this.#boxes.clear();
    this.#overrides.clear();
    this.#panels.clear();
    this.#problemLists.clear();
    this.#active = '';
    // Uploads still running were for the form this replaces: they stop, their files stay in the library.
    if (this.#uploadStop) this.#uploadStop.abort();
    this.#uploadStop = new AbortController();
    this.#uploading = 0;
    this.#uploads.replaceChildren();
    this.#media = [];
    this.#ownMedia.clear();
    this.#previewImages.clear();
    this.#queueKey = null;
    this.#queueNote.replaceChildren();
    this.#bestNote.replaceChildren();

    this.#picker = el('select', { name: 'workspace', disabled: Boolean(post) },
      this.#workspaces.map((w) => el('option', { value: w.id, selected: w.id === this.#workspace.id }, w.name)));
    this.#picker.addEventListener('change', () => {
      this.#workspace = this.#workspaces.find((w) => w.id === this.#picker.value);
      rememberWorkspace(this.#workspace.id);
      this.#done.replaceChildren();
      this.#message.clear();
      this.#build(null);
    });

    this.#text = el('textarea', { name: 'text', rows: 7, placeholder: 'What do you want to say?' });
    this.#at = el('input', { name: 'at', type: 'datetime-local' });
    const zone = post ? post.zone : this.#workspace.zone;
    this.#zone = el('select', { name: 'zone' },
      zoneList(zone, this.#workspace.zone).map((z) => el('option', { value: z, selected: z === zone }, z)));

    const form = el('form', { id: 'composer', class: 'composer', novalidate: true, autocomplete: 'off' },
      el('div', { class: 'composer-editor' },
        el('label', { class: 'inline-label' }, 'Workspace', this.#picker),
        this.#accountsFieldset(),
        this.#tabs,
        this.#commonPanel(),
        this.#accounts.map((account) => this.#accountPanel(account)),
        this.#mediaFieldset(),
        this.#whenFieldset(),
        this.#problemList('general'),
        this.#actions()),
      el('section', { class: 'composer-previews', 'aria-label': 'Previews' },
        el('h2', {}, 'Preview'), this.#previews));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit('schedule'); // Enter does what the primary button does
    });
    form.addEventListener('input', () => this.#changed());
    form.addEventListener('change', () => this.#changed());
    this.#form = form;

    if (post) {
      this.#fill(post);
    } else if (at) {
      this.#at.value = inputValue(at);
    }
    this.#renderMedia();
    this.#nameMedia();
    if (this.#accounts.length === 0) {
      this.#body.replaceChildren(el('p', { class: 'muted' },
        `“${this.#workspace.name}” has no account yet: add one in `,
        el('a', { href: viewHref('workspaces') }, 'Workspaces & accounts'), '.'), form);
    } else {
      this.#body.replaceChildren(form);
    }
    this.#changed();
  }

  #problemList(area) {
    const list = el('ul', { class: 'field-problems', dataset: { area }, 'aria-live': 'polite' });
    this.#problemLists.set(area, list);
    return list;
  }

  #accountsFieldset() {
    return el('fieldset', { class: 'composer-accounts' },
      el('legend', {}, 'Publish on'),
      el('div', { class: 'account-choices' }, this.#accounts.map((account) => {
        const box = el('input', { type: 'checkbox', name: 'accounts', value: account.id });
        this.#boxes.set(account.id, box);
        return paintAccount(el('label', { class: 'checkbox account-choice', dataset: { account: account.id } },
          box, el('span', { class: 'account-dot', 'aria-hidden': 'true' }), accountLabel(account, this.#platforms),
          account.status && account.status !== 'CONNECTED'
            ? el('span', { class: 'badge badge-warn' }, account.status.toLowerCase().replaceAll('_', ' ')) : null),
        account.id);
      })),
      this.#problemList('accounts'));
  }

  #commonPanel() {
    const panel = el('div', { class: 'tab-panel', role: 'tabpanel', dataset: { tab: '' } },
      el('label', {}, 'Text', this.#text),
      el('span', { class: 'help' }, 'Published on every account that has no text of its own.'),
      this.#problemList('text'));
    this.#panels.set('', panel);
    return panel;
  }

  #accountPanel(account) {
    const area = el('textarea', { name: `variants.${account.id}.text`, rows: 7 });
    this.#overrides.set(account.id, area);
    const panel = el('div', { class: 'tab-panel', role: 'tabpanel', hidden: true, dataset: { tab: account.id } },
      el('label', {}, `Text for ${accountLabel(account, this.#platforms)}`, area),
      el('span', { class: 'help' }, 'Leave it empty to publish the common text.'),
      this.#problemList(`account:${account.id}`));
    this.#panels.set(account.id, panel);
    return panel;
  }

  #mediaFieldset() {
    const input = el('input', { type: 'file', name: 'media-files', multiple: true, accept: MEDIA_TYPES.join(',') });
    input.addEventListener('change', () => {
      const files = [...input.files];
      input.value = ''; // so the same file can be chosen again
      if (files.length > 0) this.#uploadAll(files);
    });
    return el('fieldset', { class: 'composer-media' },
      el('legend', {}, 'Media'),
      el('label', { class: 'media-pick' }, 'Attach images or a video', input),
      el('span', { class: 'help' }, 'JPEG, PNG, GIF, WebP or MP4, at most 50 MiB each. Each file goes to the '
        + 'workspace\u2019s media library at once; the post publishes it on every chosen account.'),
      this.#uploads,
      this.#mediaList,
      this.#ownMediaNote,
      this.#problemList('media'));
  }

  /** Where a medium's content is, for img elements (same origin, so the session cookie goes with it). */
  #contentUrl(id) {
    return `/api/v1${workspacePath(this.#workspace.id)}/media/${encodeURIComponent(id)}/content`;
  }

  /** Uploads the chosen files one after the other, so the media keep the order they were chosen in. */
  async #uploadAll(files) {
    for (const stale of this.#uploads.querySelectorAll('.upload-problem')) stale.remove();
    const stop = this.#uploadStop;
    const path = `${workspacePath(this.#workspace.id)}/media`;
    const rows = files.map((file) => this.#uploadRow(file));
    this.#uploads.append(...rows.map((row) => row.element));
    this.#uploading += files.length;
    for (let i = 0; i < files.length; i++) {
      if (stop.signal.aborted) return;
      await this.#uploadOne(path, files[i], rows[i], stop);
    }
  }

  async #uploadOne(path, file, row, stop) {
    try {
      const refusal = this.#refusal(file);
      if (refusal) {
        row.failed(refusal);
        return;
      }
      row.progress(0, file.size);
      const stored = await upload(`${path}?${new URLSearchParams({ name: file.name })}`, file, {
        contentType: file.type, signal: stop.signal, onProgress: (sent, total) => row.progress(sent, total),
      });
      if (stop.signal.aborted) return;
      row.element.remove();
      this.#media.push(medium(stored));
      this.#renderMedia();
      this.#changed();
    } catch (error) {
      if (!stop.signal.aborted) row.failed(this.#uploadError(file, error));
    } finally {
      if (!stop.signal.aborted) this.#uploading--;
    }
  }

  /** Why the media library would refuse `file`, said before sending it for nothing; null when it may take it. */
  #refusal(file) {
    if (!MEDIA_TYPES.includes(file.type)) {
      return `${file.name} was not added: its type (${file.type || 'unknown'}) is not one the media library takes. `
        + 'Choose a JPEG, PNG, GIF or WebP image or an MP4 video.';
    }
    if (file.size > MAX_MEDIA_BYTES) {
      return `${file.name} was not added: it is ${formatBytes(file.size)}, and the media library takes files of at `
        + 'most 50 MiB. Make it smaller first.';
    }
    return null;
  }

  /** What the workbench's refusal of an upload means for the person who chose the file. */
  #uploadError(file, error) {
    if (error.status === 413) {
      return `${file.name} was not added: it is larger than the media library takes (50 MiB). Make it smaller first.`;
    }
    if (error.status === 415 && error.field === 'body') {
      return `${file.name} was not added: its content is not that of a ${file.type.slice(file.type.indexOf('/') + 1)
        .toUpperCase()} file, although its name or type says so. Save it again as a real JPEG, PNG, GIF, WebP or `
        + 'MP4 file.';
    }
    return `${file.name} was not added: ${sentence(error.message)}`;
  }

  /** A file being uploaded: its name and a progress bar, then, if refused, why (until dismissed). */
  #uploadRow(file) {
    const bar = el('progress', { max: 100, value: 0, 'aria-label': `Upload of ${file.name}` });
    const status = el('span', { class: 'upload-status' }, 'waiting');
    const element = el('li', { class: 'media-upload', dataset: { file: file.name } },
      el('span', { class: 'media-name' }, file.name), bar, status);
    return {
      element,
      progress(sent, total) {
        const percent = total > 0 ? Math.min(100, Math.floor((sent * 100) / total)) : 0;
        bar.value = percent;
        status.textContent = `${percent} %`;
      },
      failed(message) {
        element.className = 'field-problem upload-problem';
        element.setAttribute('role', 'alert');
        element.replaceChildren(message, ' ', el('button', {
          type: 'button', class: 'link-button', dataset: { action: 'dismiss' },
          on: { click: () => element.remove() },
        }, 'Dismiss'));
      },
    };
  }

  /** A post read back names its media by id only: the library knows the names they were uploaded under. */
  async #nameMedia() {
    const stop = this.#uploadStop;
    const path = `${workspacePath(this.#workspace.id)}/media/`;
    for (const item of this.#media.filter((m) => !m.fileName)) {
      let stored;
      try {
        stored = await api('GET', path + encodeURIComponent(item.id));
      } catch {
        continue; // gone from the library: the check says so next to the media
      }
      if (stop.signal.aborted) return;
      if (!stored.fileName) continue;
      item.fileName = stored.fileName;
      for (const name of this.#mediaList.querySelectorAll(`[data-media="${CSS.escape(item.id)}"] .media-file`)) {
        name.textContent = stored.fileName;
      }
    }
  }

  #renderMedia() {
    this.#mediaList.replaceChildren(...this.#media.map((item, index) => this.#mediaItem(item, index)));
    const own = [...this.#ownMedia.keys()].map((id) => this.#accounts.find((a) => a.id === id)).filter(Boolean);
    this.#ownMediaNote.hidden = own.length === 0;
    this.#ownMediaNote.textContent = own.length === 0 ? ''
      : `${own.map((a) => a.handle).join(', ')} ${own.length === 1 ? 'publishes media of its' : 'publish media of their'}`
        + ' own, set outside the composer; this edit keeps them.';
  }

  #mediaItem(item, index) {
    const thumb = isImage(item)
      ? el('img', { class: 'media-thumb', src: this.#contentUrl(item.id), alt: item.alt })
      : el('span', { class: 'media-thumb media-video' }, 'MP4');
    const alt = el('textarea', {
      name: 'media-alt', rows: 2, maxlength: 5000, dataset: { media: item.id },
      placeholder: isImage(item) ? 'What the image shows, for people who cannot see it' : 'What the video shows',
    });
    alt.value = item.alt;
    // Before the form's own listener, which redraws the previews and checks the post with it.
    alt.addEventListener('input', () => {
      item.alt = alt.value;
      if (thumb instanceof HTMLImageElement) thumb.alt = alt.value;
    });
    const name = item.fileName || item.id;
    return el('li', { class: 'media-item', dataset: { media: item.id, index: String(index) } },
      thumb,
      el('div', { class: 'media-fields' },
        el('span', { class: 'media-name' }, el('span', { class: 'media-file' }, name),
          el('span', { class: 'muted' }, ` · ${describeMedium(item)}`)),
        el('label', {}, 'Alt text', alt)),
      el('button', {
        type: 'button', class: 'danger', dataset: { action: 'remove-media' }, 'aria-label': `Remove ${name}`,
        on: {
          click: () => {
            // Only from this post: the file stays in the library, other posts may use it.
            this.#media = this.#media.filter((m) => m !== item);
            this.#renderMedia();
            this.#changed();
          },
        },
      }, 'Remove'));
  }

  #whenFieldset() {
    return el('fieldset', { class: 'composer-when' },
      el('legend', {}, 'When'),
      el('div', { class: 'inline-fields' },
        el('label', {}, 'Date and time', this.#at),
        el('label', {}, 'Time zone', this.#zone)),
      this.#due,
      this.#bestNote,
      this.#queueNote,
      this.#problemList('when'));
  }

  #actions() {
    const button = (action, label, primary) => {
      const b = el('button', { type: 'button', class: primary ? 'primary' : null, dataset: { action } }, label);
      b.addEventListener('click', () => this.#submit(action));
      this.#buttons.push(b);
      return b;
    };
    this.#buttons = [];
    return el('div', { class: 'composer-actions' },
      button('schedule', 'Schedule', true),
      button('queue', 'Add to queue'),
      button('publish-now', 'Publish now'),
      button('draft', 'Save draft'));
  }

  /**
   * Puts a post read back into the form: the text and the media most accounts
   * share are the common ones; an account whose media differ keeps its own.
   */
  #fill(post) {
    const common = commonText(post);
    this.#text.value = common;
    const media = commonMedia(post);
    this.#media = media.map(medium);
    for (const id of post.accounts || []) {
      const box = this.#boxes.get(id);
      if (box) box.checked = true;
      const variant = post.variants && post.variants[id];
      const text = variant && typeof variant.text === 'string' ? variant.text : '';
      const area = this.#overrides.get(id);
      if (area) area.value = text === common ? '' : text;
      const own = variant && Array.isArray(variant.media) ? variant.media : [];
      if (mediaKey(own) !== mediaKey(media)) this.#ownMedia.set(id, own.map(medium));
    }
    this.#at.value = inputValue(post.localAt);
    if (!CHANGEABLE.has(post.state)) {
      this.#message.show(`This post is ${post.state.toLowerCase().replace('_', ' ')}: it can no longer be changed.`,
        'info');
      for (const b of this.#buttons) b.disabled = true;
    }
    this.#done.replaceChildren(el('p', {}, el('a', { href: viewHref('post', { ws: post.workspace, id: post.id }) },
      'Back to the post')));
  }

  #selected() {
    return this.#accounts.filter((a) => this.#boxes.get(a.id) && this.#boxes.get(a.id).checked);
  }

  /** The text `account` will publish: its own, or the common one. */
  #textFor(account) {
    const own = this.#overrides.get(account.id);
    return own && own.value !== '' ? own.value : this.#text.value;
  }

  #platform(account) {
    return this.#platforms.find((p) => p.id === account.platform);
  }

  /** Counts as the account's network counts: { length, max, over, unit }. */
  #count(account) {
    const platform = this.#platform(account);
    const limits = platform && platform.limits ? platform.limits : { maxLength: 0, lengthRule: 'CODE_POINTS' };
    const length = textLength(this.#textFor(account), limits.lengthRule);
    return { length, max: limits.maxLength, over: limits.maxLength > 0 && length > limits.maxLength,
      unit: lengthUnit(limits.lengthRule) };
  }

  #countLabel(count) {
    return count.max > 0 ? `${count.length} / ${count.max}` : String(count.length);
  }

  /** Something was typed or picked: counts and previews now, the check after a pause. */
  #changed() {
    const selected = this.#selected();
    if (this.#active && !selected.some((a) => a.id === this.#active)) this.#active = '';
    for (const area of this.#overrides.values()) area.placeholder = this.#text.value || 'The common text';
    this.#renderTabs(selected);
    this.#renderPreviews(selected);
    clearTimeout(this.#checkTimer);
    this.#checkTimer = setTimeout(() => this.#check(), CHECK_DELAY_MS);
    const queueKey = selected.map((a) => a.id).join(',');
    if (queueKey !== this.#queueKey) {
      this.#queueKey = queueKey;
      this.#lookUpQueue(selected);
      this.#lookUpBestTimes(selected);
    }
  }

  /**
   * Offers the chosen accounts' best hours to post, in the workspace's zone; picking
   * one puts the post at that hour's next occurrence. Says so when an account has
   * too few measured posts; says nothing to people who may not read reports.
   */
  async #lookUpBestTimes(selected) {
    const lookup = ++this.#bestLookups;
    const workspace = this.#workspace;
    if (selected.length === 0 || (this.#post && !CHANGEABLE.has(this.#post.state))) {
      this.#bestNote.replaceChildren();
      return;
    }
    const lines = await Promise.all(selected.slice(0, BEST_TIMES_ACCOUNTS).map(async (account) => {
      let best;
      try {
        best = await api('GET', `${workspacePath(workspace.id)}/accounts/${encodeURIComponent(account.id)}`
          + `/best-times?limit=${BEST_TIMES}`);
      } catch (error) {
        // 403: this person may not read reports; 503: no reporting service here.
        return error.status === 403 || error.status === 503 ? null
          : el('p', {}, `Best times for ${account.handle}: ${sentence(error.message)}`);
      }
      if (best.length === 0) {
        return el('p', { class: 'best-times', dataset: { account: account.id } }, `Best times for ${account.handle}:`
          + ' not known yet (they need 5 measured posts of the last 90 days).');
      }
      return el('p', { class: 'best-times', dataset: { account: account.id } },
        `Best times for ${account.handle} (${workspace.zone}): `,
        best.map((slot) => el('button', {
          type: 'button', class: 'best-time', dataset: { day: slot.day, hour: String(slot.hour) },
          title: `${slot.meanInteractions} interactions on average over ${slot.posts} `
            + `post${slot.posts === 1 ? '' : 's'}`,
          on: { click: () => this.#pickBestTime(slot, workspace.zone) },
        }, `${dayName(slot.day, 'short')} ${String(slot.hour).padStart(2, '0')}:00`)));
    }));
    if (lookup !== this.#bestLookups || !this.isConnected) return;
    this.#bestNote.replaceChildren(...lines.filter(Boolean));
  }

  /** Puts the post at the next occurrence of a best hour, on the clock of the zone it was learned in. */
  #pickBestTime(slot, zone) {
    if (![...this.#zone.options].some((o) => o.value === zone)) this.#zone.append(el('option', { value: zone }, zone));
    this.#zone.value = zone;
    this.#at.value = nextWeekly(slot.day, slot.hour, zone);
    this.#changed();
  }

  /** Says where "Add to queue" would put the post: the chosen accounts' next free slot, or why there is none. */
  async #lookUpQueue(selected) {
    const lookup = ++this.#queueLookups;
    if (selected.length === 0 || (this.#post && !CHANGEABLE.has(this.#post.state))) {
      this.#queueNote.replaceChildren();
      return;
    }
    const workspace = this.#workspace;
    const edit = el('a', { href: viewHref('workspaces', { ws: workspace.id, queue: selected[0].id }) },
      selected.length === 1 ? `Edit the queue of ${selected[0].handle}` : 'Edit the queues');
    let said;
    try {
      const next = await api('GET', `${workspacePath(workspace.id)}/queue/next?`
        + new URLSearchParams({ accounts: selected.map((a) => a.id).join(',') }));
      said = [`Add to queue: the next free slot is ${formatLocal(next.localAt)} (${next.zone}). `, edit, '.'];
    } catch (error) {
      if (error.status === 403) {
        said = [];
      } else {
        const handles = new Map(selected.map((a) => [a.id, a.handle]));
        // The answer names accounts by id; people know them by handle.
        const message = sentence(error.message.replace(/acc_[A-Za-z0-9]+/g, (id) => handles.get(id) || id));
        said = [`Add to queue: ${message} `, edit, '.'];
      }
    }
    if (lookup !== this.#queueLookups || !this.isConnected) return;
    this.#queueNote.replaceChildren(...said);
  }

  #renderTabs(selected) {
    const tab = (id, label, count) => {
      const active = this.#active === id;
      const button = el('button', {
        type: 'button', role: 'tab', 'aria-selected': String(active), dataset: { tab: id },
        class: count && count.over ? 'tab tab-over' : 'tab',
      }, label,
      count ? el('span', { class: count.over ? 'count count-over' : 'count' }, this.#countLabel(count)) : null);
      button.addEventListener('click', () => {
        this.#active = id;
        this.#renderTabs(this.#selected());
        const panel = this.#panels.get(id);
        const field = panel && panel.querySelector('textarea');
        if (field) field.focus();
      });
      return button;
    };
    this.#tabs.replaceChildren(tab('', 'All accounts', null),
      ...selected.map((account) => {
        const button = paintAccount(tab(account.id, account.handle, this.#count(account)), account.id);
        if (this.#overrides.get(account.id).value !== '') button.classList.add('tab-own');
        return button;
      }));
    for (const [id, panel] of this.#panels) panel.hidden = id !== this.#active;
  }

  #renderPreviews(selected) {
    if (selected.length === 0) {
      this.#previews.replaceChildren(el('p', { class: 'muted' }, 'Pick at least one account.'));
      return;
    }
    this.#previews.replaceChildren(...selected.map((account) => {
      const count = this.#count(account);
      const text = this.#textFor(account);
      return paintAccount(el('article', { class: 'preview-card', dataset: { account: account.id } },
        el('header', { class: 'preview-head' },
          el('span', { class: 'preview-account' }, accountLabel(account, this.#platforms)),
          el('span', {
            class: count.over ? 'count count-over' : 'count', dataset: { length: String(count.length) },
            title: count.max > 0 ? `at most ${count.max} ${count.unit}` : count.unit,
          }, this.#countLabel(count), ' ', count.unit)),
        text ? el('p', { class: 'preview-text' }, text) : el('p', { class: 'preview-text muted' }, 'No text yet.'),
        this.#previewMedia(account)),
      account.id);
    }));
  }

  /** The media `account` will publish: its own when the post being edited has some, else the common ones. */
  #mediaFor(account) {
    return this.#ownMedia.get(account.id) || this.#media;
  }

  #previewMedia(account) {
    const media = this.#mediaFor(account);
    if (media.length === 0) return null;
    return el('div', { class: 'preview-media' }, media.map((item, index) => el('figure', {
      class: 'preview-medium', dataset: { media: item.id },
    },
    isImage(item) ? this.#previewImage(account, item, index) : el('span', { class: 'media-thumb media-video' }, 'MP4'),
    el('figcaption', { class: item.alt ? 'preview-alt' : 'preview-alt preview-alt-missing' },
      item.alt ? item.alt : 'No alt text: people who cannot see it will not know what it shows.'))));
  }

  /** The preview's img of a medium, made once: previews are redrawn at every key, and a new img would fetch again. */
  #previewImage(account, item, index) {
    const key = `${account.id}|${index}|${item.id}`;
    let image = this.#previewImages.get(key);
    if (!image) {
      image = el('img', { class: 'preview-image', src: this.#contentUrl(item.id) });
      this.#previewImages.set(key, image);
    }
    image.alt = item.alt;
    return image;
  }

  /**
   * The body of a create (POST) or an edit (PATCH) for `intent`: schedule,
   * queue, publish-now (a draft first, then published) or draft. An edit names
   * every flag, so a draft that is scheduled stops being a draft.
   */
  #requestBody(intent) {
    const accounts = this.#selected().map((a) => a.id);
    const attach = (media) => media.map((m) => ({ id: m.id, alt: m.alt }));
    const body = { text: this.#text.value, media: attach(this.#media), accounts };
    const variants = {};
    for (const id of accounts) {
      const variant = {};
      const own = this.#overrides.get(id).value;
      if (own !== '') variant.text = own;
      if (this.#ownMedia.has(id)) variant.media = attach(this.#ownMedia.get(id));
      if (Object.keys(variant).length > 0) variants[id] = variant;
    }
    if (Object.keys(variants).length > 0 || this.#post) body.variants = variants;
    body.zone = this.#zone.value;
    if (intent === 'schedule') {
      body.at = this.#at.value || null;
    } else if (intent === 'draft' && this.#at.value) {
      body.at = this.#at.value;
    }
    body.queue = intent === 'queue';
    body.draft = intent === 'draft' || intent === 'publish-now';
    body.review = false;
    if (this.#post) body.version = this.#post.version;
    return body;
  }

  /**
   * Checks what is written. Without a time yet, the text is checked as if it
   * were scheduled an hour from now, so the connectors' rules (which a draft may
   * skip) apply while typing; the time's own problems are then left out.
   */
  async #check() {
    const selected = this.#selected();
    // Nothing written yet (a fresh form, or one just sent): nothing to complain about.
    const written = this.#text.value !== '' || this.#media.length > 0
      || selected.some((a) => this.#overrides.get(a.id).value !== '');
    if (!written) {
      this.#showProblems([]);
      this.#due.textContent = '';
      return;
    }
    const body = this.#requestBody('schedule');
    delete body.version;
    const timed = Boolean(this.#at.value);
    if (!timed) body.at = localIn(Date.now() + 3600000, this.#zone.value).slice(0, 16);
    const check = ++this.#checks;
    let answer;
    try {
      answer = await api('POST', `${workspacePath(this.#workspace.id)}/posts/check`, body);
    } catch (error) {
      if (check !== this.#checks) return;
      if (error.problems.length > 0) {
        answer = { ok: false, problems: error.problems };
      } else if (error.status === 403 || error.status === 404 || error.status === 405) {
        return; // no live check here (a role that may only draft, an older workbench): Schedule's answer says it all
      } else {
        this.#showProblems([{ field: '', message: `Could not check the post: ${error.message}` }]);
        return;
      }
    }
    if (check !== this.#checks || !this.isConnected) return;
    const problems = (answer.problems || []).filter((p) => timed || !/^(at|zone|queue)$/.test(p.field || ''));
    this.#showProblems(problems);
    if (timed && answer.at) {
      this.#due.textContent = `Due ${formatLocal(localIn(answer.at, this.#zone.value))} in ${this.#zone.value} `
        + `(${formatUtc(answer.at)}).`;
    } else {
      this.#due.textContent = timed ? '' : 'No time yet: Schedule needs one; Add to queue and Save draft do not.';
    }
  }

  /** The area whose field a problem names, and how it is said there. */
  #placeProblem(problem) {
    const field = String(problem.field || '');
    const message = String(problem.message || '');
    const variant = /^variants\.([^.[\]]+)(?:\.([^.[\]]+))?/.exec(field);
    if (variant && this.#overrides.has(variant[1])) {
      const id = variant[1];
      const account = this.#accounts.find((a) => a.id === id);
      if (variant[2] === 'media') {
        // Next to the media; an index counts in the common media unless the account has its own.
        return { area: 'media', message: `${account.handle}: ${message}`, account: id,
          medium: this.#ownMedia.has(id) ? null : mediaIndex(field) };
      }
      if (this.#overrides.get(id).value !== '') return { area: `account:${id}`, message, account: id };
      // It publishes the common text: the problem is fixed there, or in an own text.
      return { area: 'text', message: `${account.handle}: ${message}`, account: id };
    }
    if (field.startsWith('media')) return { area: 'media', message, medium: mediaIndex(field) };
    if (field === 'text') return { area: 'text', message };
    if (field.startsWith('accounts')) return { area: 'accounts', message };
    if (/^(at|zone|queue|recurrence)/.test(field)) return { area: 'when', message };
    return { area: 'general', message };
  }

  #showProblems(problems) {
    for (const list of this.#problemLists.values()) list.replaceChildren();
    for (const field of this.#form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
    for (const button of this.#tabs.querySelectorAll('.tab-problem')) button.classList.remove('tab-problem');
    for (const card of this.#previews.querySelectorAll('.preview-problem')) card.classList.remove('preview-problem');
    for (const item of this.#mediaList.querySelectorAll('.media-problem')) item.classList.remove('media-problem');
    for (const problem of problems) {
      const placed = this.#placeProblem(problem);
      const list = this.#problemLists.get(placed.area);
      list.append(el('li', { class: 'field-problem', dataset: { field: String(problem.field || '') } },
        placed.message));
      const input = this.#fieldOf(placed.area, problem.field);
      if (input) input.setAttribute('aria-invalid', 'true');
      if (placed.medium !== null && placed.medium !== undefined) {
        const item = this.#mediaList.querySelector(`[data-index="${placed.medium}"]`);
        if (item) item.classList.add('media-problem');
      }
      if (placed.account) {
        const tab = this.#tabs.querySelector(`[data-tab="${CSS.escape(placed.account)}"]`);
        if (tab) tab.classList.add('tab-problem');
        const card = this.#previews.querySelector(`[data-account="${CSS.escape(placed.account)}"]`);
        if (card) card.classList.add('preview-problem');
      }
    }
  }

  #fieldOf(area, field) {
    if (area === 'text') return this.#text;
    if (area.startsWith('account:')) return this.#overrides.get(area.slice('account:'.length));
    if (field === 'at') return this.#at;
    if (field === 'zone') return this.#zone;
    return null;
  }

  async #submit(intent) {
    if (this.#uploading > 0) {
      this.#message.show('Files are still being uploaded: wait until they are attached, then try again.', 'info');
      return;
    }
    clearTimeout(this.#checkTimer);
    for (const b of this.#buttons) b.disabled = true;
    this.#done.replaceChildren();
    this.#message.clear();
    const workspace = this.#workspace;
    const editing = this.#post;
    let post = null;
    try {
      const body = this.#requestBody(intent);
      post = editing
        ? await api('PATCH', postPath(workspace.id, editing.id), body)
        : await api('POST', `${workspacePath(workspace.id)}/posts`, body);
      if (intent === 'publish-now') post = await api('POST', `${postPath(workspace.id, post.id)}/publish-now`);
      this.#showProblems([]);
      this.#succeeded(intent, post, Boolean(editing));
    } catch (error) {
      this.#showProblems(error.problems.length > 0 ? error.problems
        : [{ field: error.field || '', message: error.message }]);
      if (post) {
        // Saved, but publishing it was refused: it waits as a draft.
        this.#post = post;
        this.#done.replaceChildren(this.#link(post, `Saved as a draft but not published: ${error.message}`, 'error'));
      } else {
        this.#message.show(error.status === 409
          ? `${sentence(error.message)} Open the post again to see its latest version.` : error.message, 'error');
      }
    } finally {
      const frozen = this.#post && !CHANGEABLE.has(this.#post.state);
      for (const b of this.#buttons) b.disabled = Boolean(frozen);
    }
  }

  #succeeded(intent, post, edited) {
    const when = post.localAt ? `${formatLocal(post.localAt)} (${post.zone})` : '';
    const said = {
      schedule: `Scheduled for ${when}.`,
      queue: `Added to the queue: ${when}.`,
      'publish-now': 'Publishing now.',
      draft: 'Saved as a draft.',
    }[intent];
    this.#done.replaceChildren(this.#link(post, said, 'ok'));
    if (edited) {
      this.#post = post;
      this.#heading.replaceChildren('Edit post ', stateBadge(post.state));
      return;
    }
    // A new post is done: the form is ready for the next one, on the same accounts.
    this.#text.value = '';
    for (const area of this.#overrides.values()) area.value = '';
    this.#at.value = '';
    this.#media = [];
    this.#previewImages.clear();
    this.#renderMedia();
    if (intent !== 'draft') this.#queueKey = null; // a slot may be taken now: look again
    this.#changed();
  }

  #link(post, text, kind) {
    return el('p', { class: `message message-${kind}`, role: 'status', dataset: { post: post.id } }, text, ' ',
      el('a', { href: viewHref('post', { ws: post.workspace, id: post.id }), class: 'post-link' }, 'Open the post'),
      ' · ',
      el('a', { href: viewHref('calendar') }, 'Calendar'));
  }
}

if (!customElements.get('atelier-composer-view')) {
  customElements.define('atelier-composer-view', AtelierComposerView);
}
