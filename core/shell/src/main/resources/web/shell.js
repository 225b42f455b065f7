// The workbench shell: a navigation built from the views every bundle
// contributes (GET /api/v1/views), and the open view shown as the custom
// element its module defines (#/view/<id>, parameters after a '?', see
// route.js). No build step: plain ES modules. A banner lists what needs the
// person's attention (GET /api/v1/notices), such as accounts to reconnect.
// Nobody signed in: the sign-in page (or the set-up page before set-up).

import { api, session } from '/web/api.js';
import { el } from '/web/dom.js';
import { parseViewHash, viewHref } from '/web/route.js';

const NAV_REFRESH_MS = 15000;
const HEALTH_REFRESH_MS = 30000;
const NOTICES_REFRESH_MS = 30000;
// Groups people expect first; other categories follow by name, Settings comes last.
const CATEGORY_ORDER = ['Publish', 'Listen', 'Engage', 'Report'];
const ELEMENT_NAME = /^[a-z][a-z0-9]*-[a-z0-9-]*$/;

const nav = document.getElementById('nav');
const main = document.getElementById('main');
const status = document.getElementById('status');
const personName = document.getElementById('person');
const signOutButton = document.getElementById('signout');
const notices = document.getElementById('notices');

let views = [];
let shownViewId = null;
let shownQuery = null;

function categoryRank(category) {
  if (category === 'Settings') return [2, category];
  const known = CATEGORY_ORDER.indexOf(category);
  return known >= 0 ? [0, String(known).padStart(3, '0')] : [1, category];
}

function compareCategories(a, b) {
  const [ra, ka] = categoryRank(a);
  const [rb, kb] = categoryRank(b);
  return ra !== rb ? ra - rb : ka.localeCompare(kb);
}

/** The views grouped by category, in navigation order. */
function grouped(list) {
  const groups = new Map();
  for (const view of list) {
    if (!groups.has(view.category)) groups.set(view.category, []);
    groups.get(view.category).push(view);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  }
  return [...groups.entries()].sort(([a], [b]) => compareCategories(a, b));
}

function renderNav() {
  const sections = grouped(views).map(([category, group]) =>
    el('section', { class: 'nav-group' },
      el('h2', { class: 'nav-title' }, category),
      el('ul', {}, group.map((view) =>
        el('li', {}, el('a', {
          href: `#/view/${encodeURIComponent(view.id)}`,
          dataset: { view: view.id },
          'aria-current': view.id === shownViewId ? 'page' : null,
        }, view.title))))));
  nav.replaceChildren(...sections);
}

async function loadViews() {
  try {
    views = await api('GET', '/views');
    renderNav();
  } catch (error) {
    nav.replaceChildren(el('p', { class: 'message message-error' }, `Views unavailable: ${error.message}`));
  }
}

function orderedViews() {
  return grouped(views).flatMap(([, group]) => group);
}

async function show() {
  const requested = parseViewHash();
  const id = requested ? requested.id : null;
  const query = requested ? requested.query : '';
  if (!id) {
    const first = orderedViews()[0];
    if (first) {
      location.replace(`#/view/${encodeURIComponent(first.id)}`);
    } else {
      main.replaceChildren(el('p', { class: 'muted' }, 'No view is installed.'));
    }
    return;
  }
  const view = views.find((v) => v.id === id);
  if (!view) {
    shownViewId = null;
    renderNav();
    main.replaceChildren(el('div', { class: 'empty' },
      el('h1', {}, 'View not available'),
      el('p', {}, `No installed plugin offers the view “${id}”. It may have been stopped or uninstalled.`)));
    return;
  }
  if (shownViewId === id && shownQuery === query && main.firstElementChild
      && main.firstElementChild.localName === view.element) return;
  shownViewId = id;
  shownQuery = query;
  renderNav();
  document.title = `${view.title} · Atelier`;
  if (!ELEMENT_NAME.test(view.element)) {
    main.replaceChildren(el('p', { class: 'message message-error' }, `The view “${view.title}” has an invalid element name.`));
    return;
  }
  main.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
  try {
    await import(view.module);
    if (!customElements.get(view.element)) {
      throw new Error(`its module does not define <${view.element}>`);
    }
    if (shownViewId !== id || shownQuery !== query) return; // another view was opened meanwhile
    main.replaceChildren(document.createElement(view.element));
  } catch (error) {
    main.replaceChildren(el('p', { class: 'message message-error' },
      `The view “${view.title}” could not be loaded: ${error.message}`));
  }
}

async function refreshStatus() {
  try {
    const health = await api('GET', '/health');
    status.textContent = `${health.status} · ${health.version}`;
    status.className = 'topbar-status';
  } catch (error) {
    const down = error.status === 503;
    status.textContent = down ? 'DOWN: the store is not available' : 'The workbench does not answer';
    status.className = 'topbar-status topbar-status-down';
  }
}

/**
 * Shows what needs the person's attention, e.g. accounts whose network refused
 * their credentials, as text. When the notices cannot be read the banner keeps
 * what it showed: it is a reminder, not the place for errors.
 */
async function refreshNotices() {
  let list;
  try {
    list = await api('GET', '/notices');
  } catch (error) {
    if (error.status === 404) notices.hidden = true; // a workbench without notices
    return;
  }
  const reconnect = list.filter((notice) => notice.kind === 'account.needs_reconnect');
  const others = list.filter((notice) => notice.kind !== 'account.needs_reconnect');
  if (list.length === 0) {
    notices.replaceChildren();
    notices.hidden = true;
    return;
  }
  notices.replaceChildren(...[
    reconnect.length === 0 ? null : el('div', { class: 'notice-group', dataset: { kind: 'account.needs_reconnect' } },
      el('strong', {}, reconnect.length === 1 ? 'An account needs to be reconnected'
        : `${reconnect.length} accounts need to be reconnected`),
      reconnect.length === 1 ? ' so that its posts can be published. ' : ' so that their posts can be published. ',
      el('a', { href: viewHref('workspaces') }, 'Open Workspaces & accounts'),
      el('ul', {}, reconnect.map((notice) =>
        el('li', { dataset: { account: notice.account || '' } }, String(notice.message || ''))))),
    others.length === 0 ? null : el('ul', { class: 'notice-group' },
      others.map((notice) => el('li', { dataset: { kind: String(notice.kind) } }, String(notice.message || '')))),
  ].filter(Boolean));
  notices.hidden = false;
}

/** The signed-in person, or a redirect to /setup or /login (then null). */
async function signedIn() {
  try {
    return await session();
  } catch (error) {
    if (error.code === 'setup_required') {
      location.replace('/setup');
      return null;
    }
    if (error.status !== 401) throw error;
    location.replace('/login');
    return null;
  }
}

async function signOut() {
  signOutButton.disabled = true;
  try {
    await api('DELETE', '/session');
  } finally {
    location.assign('/login');
  }
}

/** Starts the workbench for the signed-in person. */
async function start(current) {
  personName.textContent = current.person.displayName;
  personName.title = current.person.email;
  signOutButton.hidden = false;
  signOutButton.addEventListener('click', signOut);

  window.addEventListener('hashchange', show);
  await loadViews();
  await show();
  refreshStatus();
  refreshNotices();
  setInterval(refreshNotices, NOTICES_REFRESH_MS);
  setInterval(async () => {
    await loadViews();
    if (shownViewId && !views.some((v) => v.id === shownViewId)) show();
  }, NAV_REFRESH_MS);
  setInterval(refreshStatus, HEALTH_REFRESH_MS);
}

try {
  const current = await signedIn();
  if (current) await start(current);
} catch (error) {
  main.replaceChildren(el('p', { class: 'message message-error' }, `The workbench does not answer: ${error.message}`));
}
