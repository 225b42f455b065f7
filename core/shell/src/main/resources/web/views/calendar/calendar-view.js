// The Calendar view: the posts of a workspace (or of every workspace) by month
// or by week, placed on the wall clock of the workspace's time zone. A post is a
// chip coloured by its first account, with its state as a text badge; a click
// opens the post, and dragging a chip that can still change onto another day
// (month: same time of day) or another hour (week: same minutes) reschedules it
// with PATCH and the version read, so a post changed meanwhile is refused (409)
// and the chip goes back. The calendar refreshes every few seconds while it is
// visible, so a post being published turns published without a reload.
// Every text comes from people and goes into the page as text.

import { api } from '/web/api.js';
import { el, messageArea } from '/web/dom.js';
import { viewHref } from '/web/route.js';
import {
  CHANGEABLE, addDays, browserZone, formatLocal, instantOf, localIn, paintAccount, postLocal, postPath, postText,
  rememberWorkspace, rememberedWorkspace, sentence, stateBadge, todayIn, weekday, workspacePath,
} from '/web/posts.js';

const REFRESH_MS = 5000;
/** The picker's value for the agency overview of every workspace. */
const ALL = '*';
/** The most posts one period asks for. */
const LIMIT = 500;
/** Where the week view opens its day, so the morning is in sight. */
const FIRST_HOUR_SHOWN = 7;

function pad(number) {
  return String(number).padStart(2, '0');
}

/** The first day of the month `months` after the month of `date`. */
function monthStart(date, months = 0) {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
}

class AtelierCalendarView extends HTMLElement {
  #message = messageArea();
  #workspaces = [];
  #workspaceId = null; // a workspace id, or ALL
  #mode = 'month';
  #anchor = null; // a date inside the period shown
  #posts = [];
  #signature = null;
  #accounts = new Map(); // workspace id → Map(account id → account)
  #hidden = new Set(); // workspaces left out of the overview
  #timer = null;
  #dragging = null; // { post, local, chip } while a chip is dragged
  #busy = false; // a reschedule is under way
  #loads = 0;
  #picker;
  #modeButtons;
  #title = el('h2', { class: 'calendar-title' });
  #zoneNote = el('p', { class: 'calendar-zone muted' });
  #filter = el('fieldset', { class: 'calendar-filter', hidden: true });
  #grid = el('div', { class: 'calendar-grid' });
  #footer = el('p', { class: 'muted calendar-footer' });
  #newPost = el('a', { class: 'button-link', dataset: { action: 'compose' } }, 'New post');

  async connectedCallback() {
    this.replaceChildren(el('h1', {}, 'Calendar'), this.#message.element);
    try {
      this.#workspaces = await api('GET', '/workspaces');
    } catch (error) {
      this.#message.show(`Could not list the workspaces: ${error.message}`, 'error');
      return;
    }
    if (this.#workspaces.length === 0) {
      this.append(el('p', { class: 'muted' }, 'No workspace yet: create one in ',
        el('a', { href: viewHref('workspaces') }, 'Workspaces & accounts'), ' and add its accounts.'));
      return;
    }
    const remembered = rememberedWorkspace();
    this.#workspaceId = remembered === ALL || this.#workspaces.some((w) => w.id === remembered)
      ? remembered : this.#workspaces[0].id;
    this.#anchor = todayIn(this.#zone());
    this.append(this.#toolbar(), this.#filter,
      el('div', { class: 'calendar-heading' }, this.#title, this.#zoneNote),
      this.#grid, this.#footer);
    this.#renderFilter();
    await this.#load(false);
    if (!this.isConnected || this.#timer) return;
    this.#timer = setInterval(() => this.#refresh(), REFRESH_MS);
  }

  disconnectedCallback() {
    clearInterval(this.#timer);
    this.#timer = null;
  }

  #all() {
    return this.#workspaceId === ALL;
  }

  /** The zone the calendar is drawn in: the workspace's, or the browser's for the overview. */
  #zone() {
    if (this.#all()) return browserZone();
    const workspace = this.#workspaces.find((w) => w.id === this.#workspaceId);
    return workspace && workspace.zone ? workspace.zone : browserZone();
  }

  #toolbar() {
    this.#picker = el('select', { name: 'workspace', 'aria-label': 'Workspace' },
      this.#workspaces.map((w) => el('option', { value: w.id, selected: w.id === this.#workspaceId }, w.name)),
      el('option', { value: ALL, selected: this.#all() }, 'All workspaces'));
    this.#picker.addEventListener('change', () => {
      this.#workspaceId = this.#picker.value;
      rememberWorkspace(this.#workspaceId);
      this.#anchor = todayIn(this.#zone());
      this.#renderFilter();
      this.#load(false);
    });
    this.#modeButtons = ['month', 'week'].map((mode) => el('button', {
      type: 'button', dataset: { mode }, 'aria-pressed': String(mode === this.#mode),
      on: { click: () => this.#setMode(mode) },
    }, mode === 'month' ? 'Month' : 'Week'));
    const step = (direction) => () => {
      this.#anchor = this.#mode === 'month'
        ? monthStart(this.#anchor, direction) : addDays(this.#anchor, 7 * direction);
      this.#load(false);
    };
    return el('div', { class: 'toolbar calendar-toolbar' },
      el('div', { class: 'toolbar-group' },
        el('label', { class: 'inline-label' }, 'Workspace', this.#picker),
        el('div', { class: 'segmented', role: 'group', 'aria-label': 'Period' }, this.#modeButtons)),
      el('div', { class: 'toolbar-group' },
        el('button', { type: 'button', dataset: { action: 'previous' }, on: { click: step(-1) } }, '‹ Previous'),
        el('button', { type: 'button', dataset: { action: 'today' },
          on: { click: () => { this.#anchor = todayIn(this.#zone()); this.#load(false); } } }, 'Today'),
        el('button', { type: 'button', dataset: { action: 'next' }, on: { click: step(1) } }, 'Next ›'),
        this.#newPost));
  }

  #setMode(mode) {
    if (mode === this.#mode) return;
    this.#mode = mode;
    for (const button of this.#modeButtons) button.setAttribute('aria-pressed', String(button.dataset.mode === mode));
    this.#load(false);
  }

  /** The overview's filter: one box per workspace, applied in the page. */
  #renderFilter() {
    this.#newPost.href = viewHref('composer', { ws: this.#all() ? null : this.#workspaceId });
    if (!this.#all()) {
      this.#filter.hidden = true;
      this.#filter.replaceChildren();
      return;
    }
    this.#filter.replaceChildren(el('legend', {}, 'Show the workspaces'),
      ...this.#workspaces.map((w) => {
        const box = el('input', { type: 'checkbox', name: 'show', value: w.id, checked: !this.#hidden.has(w.id) });
        box.addEventListener('change', () => {
          if (box.checked) this.#hidden.delete(w.id); else this.#hidden.add(w.id);
          this.#render();
        });
        return el('label', { class: 'checkbox' }, box, w.name);
      }));
    this.#filter.hidden = false;
  }

  /** The dates shown: { start, end } (end excluded), whole weeks from Monday. */
  #period() {
    if (this.#mode === 'week') {
      const start = addDays(this.#anchor, -weekday(this.#anchor));
      return { start, end: addDays(start, 7) };
    }
    const first = monthStart(this.#anchor);
    const last = addDays(monthStart(this.#anchor, 1), -1);
    return { start: addDays(first, -weekday(first)), end: addDays(last, 7 - weekday(last)) };
  }

  #refresh() {
    if (document.visibilityState !== 'visible' || this.#dragging || this.#busy) return;
    this.#load(true);
  }

  /**
   * Reads the posts of the period. `quiet` (the periodic refresh) redraws only
   * when something changed, and keeps the message shown.
   */
  async #load(quiet) {
    const load = ++this.#loads;
    const zone = this.#zone();
    const { start, end } = this.#period();
    const query = new URLSearchParams({
      from: new Date(instantOf(`${start}T00:00`, zone)).toISOString(),
      to: new Date(instantOf(`${end}T00:00`, zone)).toISOString(),
      limit: String(LIMIT),
    });
    const path = this.#all() ? `/posts?${query}` : `${workspacePath(this.#workspaceId)}/posts?${query}`;
    if (!quiet) {
      this.#message.clear();
      this.#posts = [];
      this.#signature = null;
      this.#render(); // the new period at once; its posts follow
    }
    let posts;
    try {
      posts = await api('GET', path);
      await this.#loadAccounts(posts);
    } catch (error) {
      if (load === this.#loads) this.#message.show(`Could not read the posts: ${error.message}`, 'error');
      return;
    }
    if (load !== this.#loads || this.#dragging || this.#busy) return; // a newer load, or a chip in motion
    const signature = JSON.stringify(posts.map((p) => [p.id, p.version, p.state, p.at, p.zone]));
    if (quiet && signature === this.#signature) return;
    this.#posts = posts;
    this.#signature = signature;
    this.#render();
  }

  /** Reads the accounts of the workspaces the posts belong to, once per workspace. */
  async #loadAccounts(posts) {
    const missing = new Set(posts.map((p) => p.workspace).filter((ws) => ws && !this.#accounts.has(ws)));
    await Promise.all([...missing].map(async (ws) => {
      try {
        const accounts = await api('GET', `${workspacePath(ws)}/accounts`);
        this.#accounts.set(ws, new Map(accounts.map((a) => [a.id, a])));
      } catch {
        this.#accounts.set(ws, new Map()); // the role may not read accounts: ids stand in for handles
      }
    }));
  }

  #account(post, accountId) {
    const accounts = this.#accounts.get(post.workspace);
    return accounts ? accounts.get(accountId) : undefined;
  }

  #render() {
    const zone = this.#zone();
    const { start, end } = this.#period();
    this.#title.textContent = this.#mode === 'month'
      ? formatLocal(this.#anchor, { month: 'long', year: 'numeric' })
      : `${formatLocal(start, { dateStyle: 'medium' })} – ${formatLocal(addDays(end, -1), { dateStyle: 'medium' })}`;
    this.#zoneNote.textContent = this.#all()
      ? `Times in your time zone, ${zone}.`
      : `Times in ${zone}, the workspace’s time zone.`;
    this.#zoneNote.dataset.zone = zone;

    const placed = [];
    for (const post of this.#posts) {
      if (this.#all() && this.#hidden.has(post.workspace)) continue;
      const local = postLocal(post, zone);
      if (!local || local.slice(0, 10) < start || local.slice(0, 10) >= end) continue;
      placed.push({ post, local });
    }
    placed.sort((a, b) => a.local.localeCompare(b.local) || a.post.id.localeCompare(b.post.id));
    const previous = this.#grid.querySelector('.cal-week-scroll');
    const scrolled = previous ? previous.scrollTop : null; // read while it is still in the page
    this.#grid.replaceChildren(this.#mode === 'month' ? this.#month(start, end, placed) : this.#week(start, placed));
    const scroller = this.#grid.querySelector('.cal-week-scroll');
    if (scroller) {
      // A redraw keeps the hours in sight; a new week view opens on the morning, just below the day names.
      const slot = scroller.querySelector(`.cal-hour[data-hour="${FIRST_HOUR_SHOWN}"]`);
      const head = scroller.querySelector('.cal-head');
      scroller.scrollTop = scrolled !== null ? scrolled : slot.offsetTop - (head ? head.offsetHeight : 0);
    }
    this.#footer.textContent = this.#posts.length >= LIMIT
      ? `Only the first ${LIMIT} posts of this period are shown.`
      : placed.length === 0 ? `No post in this ${this.#mode}.` : '';
  }

  #dayHead(date, today) {
    return el('div', { class: date === today ? 'cal-head cal-today' : 'cal-head' },
      formatLocal(date, { weekday: 'short' }),
      this.#mode === 'week'
        ? el('span', { class: 'cal-head-date' }, formatLocal(date, { day: 'numeric', month: 'short' })) : null);
  }

  #month(start, end, placed) {
    const today = todayIn(this.#zone());
    const month = this.#anchor.slice(0, 7);
    const byDay = new Map();
    for (const item of placed) {
      const day = item.local.slice(0, 10);
      if (!byDay.has(day)) byDay.set(day, []);
      byDay.get(day).push(item);
    }
    const cells = [];
    for (let date = start; date < end; date = addDays(date, 1)) {
      const classes = ['cal-day'];
      if (date.slice(0, 7) !== month) classes.push('cal-other-month');
      if (date === today) classes.push('cal-today');
      const chips = el('div', { class: 'cal-chips' }, (byDay.get(date) || []).map((item) => this.#chip(item)));
      const cell = el('div', { class: classes.join(' '), dataset: { date } },
        el('div', { class: 'cal-day-number' }, formatLocal(date, { day: 'numeric' })), chips);
      this.#dropTarget(cell, chips, date, null);
      cells.push(cell);
    }
    const heads = [];
    for (let i = 0; i < 7; i++) heads.push(this.#dayHead(addDays(start, i), null));
    return el('div', { class: 'cal-month' }, heads, cells);
  }

  #week(start, placed) {
    const today = todayIn(this.#zone());
    const bySlot = new Map();
    for (const item of placed) {
      const key = item.local.slice(0, 13);
      if (!bySlot.has(key)) bySlot.set(key, []);
      bySlot.get(key).push(item);
    }
    const days = [];
    for (let i = 0; i < 7; i++) days.push(addDays(start, i));
    const rows = [];
    for (let hour = 0; hour < 24; hour++) {
      rows.push(el('div', { class: 'cal-hour', dataset: { hour: String(hour) } }, `${pad(hour)}:00`));
      for (const date of days) {
        const slot = el('div', {
          class: date === today ? 'cal-slot cal-today' : 'cal-slot',
          dataset: { date, hour: String(hour) },
        }, (bySlot.get(`${date}T${pad(hour)}`) || []).map((item) => this.#chip(item)));
        this.#dropTarget(slot, slot, date, hour);
        rows.push(slot);
      }
    }
    return el('div', { class: 'cal-week-scroll' },
      el('div', { class: 'cal-week' },
        el('div', { class: 'cal-corner' }), days.map((date) => this.#dayHead(date, today)), rows));
  }

  #chip({ post, local }) {
    const accounts = post.accounts || [];
    const first = accounts[0];
    const text = postText(post, first) || accounts.map((id) => postText(post, id)).find(Boolean) || '';
    const movable = CHANGEABLE.has(post.state);
    const workspace = this.#all() ? this.#workspaces.find((w) => w.id === post.workspace) : null;
    const chip = el('a', {
      class: `chip chip-${post.state.toLowerCase().replace('_', '-')}`,
      href: viewHref('post', { ws: post.workspace, id: post.id }),
      draggable: movable ? 'true' : 'false',
      title: text,
      dataset: { post: post.id, state: post.state, local },
    },
    el('span', { class: 'chip-line' },
      el('span', { class: 'chip-time' }, local.slice(11, 16)),
      stateBadge(post.state),
      accounts.map((id) => {
        const account = this.#account(post, id);
        return paintAccount(el('span', { class: 'chip-account', title: account ? account.handle : id },
          account ? account.handle : id), id);
      })),
    el('span', { class: 'chip-text' }, text || 'No text'),
    workspace ? el('span', { class: 'chip-workspace' }, workspace.name) : null);
    paintAccount(chip, first || post.id);
    if (movable) {
      chip.addEventListener('dragstart', (event) => {
        this.#dragging = { post, local, chip };
        if (event.dataTransfer) {
          event.dataTransfer.effectAllowed = 'move';
          event.dataTransfer.setData('text/plain', post.id);
        }
        chip.classList.add('chip-dragging');
      });
      chip.addEventListener('dragend', () => {
        chip.classList.remove('chip-dragging');
        this.#dragging = null;
        for (const target of this.querySelectorAll('.drop-target')) target.classList.remove('drop-target');
      });
    }
    return chip;
  }

  /** Lets a chip be dropped on `cell` (chips go into `list`): on a day (hour null) or on an hour of a day. */
  #dropTarget(cell, list, date, hour) {
    cell.addEventListener('dragover', (event) => {
      if (!this.#dragging) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
      cell.classList.add('drop-target');
    });
    cell.addEventListener('dragleave', (event) => {
      if (!cell.contains(event.relatedTarget)) cell.classList.remove('drop-target');
    });
    cell.addEventListener('drop', (event) => {
      const drag = this.#dragging;
      if (!drag) return;
      event.preventDefault();
      cell.classList.remove('drop-target');
      this.#dragging = null;
      const seconds = drag.local.slice(16, 19);
      const target = hour === null
        ? `${date}T${drag.local.slice(11, 19)}`
        : `${date}T${pad(hour)}:${drag.local.slice(14, 16)}${seconds}`;
      if (target === drag.local) return;
      this.#reschedule(drag, target, list);
    });
  }

  /**
   * Moves the chip at once, then asks the workbench. The time is sent on the wall
   * clock of the post's own zone, which it keeps; a refusal (409 changed meanwhile,
   * 400 in the past…) puts the chip back and says why.
   */
  async #reschedule({ post, chip }, target, list) {
    const zone = this.#zone();
    const origin = { parent: chip.parentNode, next: chip.nextSibling };
    list.append(chip);
    chip.classList.add('chip-moving');
    const planZone = post.zone || zone;
    const at = planZone === zone ? target : localIn(instantOf(target, zone), planZone);
    const body = { at, zone: planZone, version: post.version };
    // Moving a post changes its time only: a draft stays a draft, a post in review stays in review.
    if (post.state === 'DRAFT') body.draft = true;
    if (post.state === 'IN_REVIEW') body.review = true;
    this.#busy = true;
    try {
      const updated = await api('PATCH', postPath(post.workspace, post.id), body);
      const now = postLocal(updated, zone) || target;
      this.#message.show(`Moved to ${formatLocal(now)} (${zone}).`, 'ok');
    } catch (error) {
      if (origin.parent && origin.parent.isConnected) {
        origin.parent.insertBefore(chip, origin.next && origin.next.parentNode === origin.parent ? origin.next : null);
      }
      const moved = `Not moved to ${formatLocal(target)}: ${sentence(error.message)}`;
      this.#message.show(error.status === 409 ? `${moved} The calendar now shows the post as it is.` : moved, 'error');
    } finally {
      chip.classList.remove('chip-moving');
      this.#busy = false;
    }
    this.#signature = null;
    await this.#load(true);
  }
}

if (!customElements.get('atelier-calendar-view')) {
  customElements.define('atelier-calendar-view', AtelierCalendarView);
}
