// What the Listening, Inbox and Alerts views share (the Dashboard and Reports views
// too, for the first two): what each role may do there, the workspace last listened to, a mention drawn as a card (its author, text and
// link come from the internet: text only, and a link only for http(s)), the
// badges of a mention's language and sentiment, of an inbox item's status and
// of an answer's state, durations said for people, and the settings fields of
// a kind of source or alert channel a plugin offers.

import { api, session } from '/web/api.js';
import { el, formatInstant } from '/web/dom.js';
import { httpUrl } from '/web/posts.js';
import { viewParams } from '/web/route.js';

/**
 * The roles holding each permission these views ask about (listening, inbox, alerts, reports), as the REST API
 * grants them (core/shell Permission). The views use it only to leave out
 * controls a person could not use; the API decides on every call.
 */
const ROLES_WITH = Object.freeze({
  'listening.read': ['OWNER', 'MANAGER', 'EDITOR', 'ANALYST'],
  'listening.manage': ['OWNER', 'MANAGER', 'EDITOR'],
  'inbox.read': ['OWNER', 'MANAGER', 'EDITOR', 'CONTRIBUTOR', 'ANALYST'],
  'inbox.handle': ['OWNER', 'MANAGER', 'EDITOR', 'CONTRIBUTOR'],
  'inbox.reply': ['OWNER', 'MANAGER', 'EDITOR'],
  'alerts.read': ['OWNER', 'MANAGER', 'EDITOR', 'ANALYST'],
  'alerts.handle': ['OWNER', 'MANAGER', 'EDITOR'],
  'alerts.manage': ['OWNER', 'MANAGER'],
  'moderation.manage': ['OWNER', 'MANAGER'],
  'approvals.manage': ['OWNER', 'MANAGER'],
  'accounts.read': ['OWNER', 'MANAGER', 'EDITOR', 'CONTRIBUTOR', 'ANALYST'],
  'reports.read': ['OWNER', 'MANAGER', 'EDITOR', 'ANALYST', 'CLIENT'],
  'reports.manage': ['OWNER', 'MANAGER'],
});

/** Whether the signed-in person (`me`, GET /session) holds `permission` in `workspaceId`; administrators always. */
export function may(me, workspaceId, permission) {
  if (me.person.admin) return true;
  const membership = (me.memberships || []).find((m) => m.workspaceId === workspaceId);
  return Boolean(membership) && (ROLES_WITH[permission] || []).includes(membership.role);
}

const WORKSPACE_KEY = 'atelier.listen.workspace';

/** The workspace last opened in Listening or Inbox, or null. */
export function rememberedListeningWorkspace() {
  try {
    return localStorage.getItem(WORKSPACE_KEY);
  } catch {
    return null;
  }
}

/** Remembers the workspace picked, for the next Listening or Inbox view opened. */
export function rememberListeningWorkspace(id) {
  try {
    localStorage.setItem(WORKSPACE_KEY, id);
  } catch {
    // storage disabled: the views fall back to the first workspace
  }
}

/** `wanted` when it is one of `workspaces`, else the remembered one, else the first; null when there is none. */
export function pickWorkspace(workspaces, wanted) {
  for (const id of [wanted, rememberedListeningWorkspace()]) {
    if (id && workspaces.some((w) => w.id === id)) return id;
  }
  return workspaces.length > 0 ? workspaces[0].id : null;
}

/**
 * What the Listening, Inbox and Alerts views do first: who is signed in, the
 * workspaces where they hold `permission`, and the one to show (the address's
 * ?ws=, else the one last opened, else the first), put into `picker`. Null when there
 * is none (`empty` is shown) or the calls failed (the error is shown).
 */
export async function openWorkspaces(permission, picker, message, empty) {
  let me;
  let all;
  try {
    me = await session();
    all = await api('GET', '/workspaces');
  } catch (error) {
    message.show(error.message, 'error');
    return null;
  }
  const workspaces = all.filter((w) => may(me, w.id, permission));
  const params = viewParams();
  const workspaceId = pickWorkspace(workspaces, params.get('ws'));
  if (!workspaceId) {
    message.show(empty, 'info');
    return null;
  }
  picker.replaceChildren(...workspaces.map((w) => el('option', { value: w.id, selected: w.id === workspaceId },
    w.name)));
  return { me, workspaces, workspaceId, params };
}

const SENTIMENTS = Object.freeze({ negative: '−', neutral: '·', positive: '+' });

/** A mention's sentiment as a badge with its own sign (colour is never the only cue); null without one. */
export function sentimentBadge(mention) {
  const sentiment = mention.sentiment;
  if (!sentiment) return null;
  const known = Object.hasOwn(SENTIMENTS, sentiment);
  const score = mention.sentimentScore ? ` (${mention.sentimentScore})` : '';
  return el('span', {
    class: `badge sentiment sentiment-${known ? sentiment : 'unknown'}`,
    dataset: { sentiment: String(sentiment) },
    title: `Sentiment${score}`,
  }, `${known ? SENTIMENTS[sentiment] : '?'} ${sentiment}`);
}

/** A mention's language as a badge ('unknown' when the enricher could not tell); null when none ran. */
export function languageBadge(mention) {
  if (!mention.language) return null;
  return el('span', { class: 'badge mention-lang', dataset: { lang: String(mention.language) }, title: 'Language' },
    String(mention.language));
}

/**
 * A mention as a card: author, when, where from, language and sentiment, its text
 * and a link to it (http(s) only). `sourceNames` maps source ids to names.
 */
export function mentionCard(mention, sourceNames = new Map(), ...more) {
  const url = httpUrl(mention.url);
  return el('article', { class: 'mention', dataset: { mention: mention.id } },
    el('div', { class: 'mention-head' },
      el('span', { class: 'mention-author' }, mention.author || 'someone'),
      el('span', { class: 'muted mention-when', title: mention.publishedAt || '' }, formatInstant(mention.publishedAt)),
      el('span', { class: 'muted mention-source' }, sourceNames.get(mention.sourceId) || mention.source || ''),
      languageBadge(mention),
      sentimentBadge(mention)),
    el('p', { class: 'mention-text' }, String(mention.text || '')),
    url ? el('a', { class: 'mention-url', href: url, target: '_blank', rel: 'noopener noreferrer' },
      'Open where it was said') : null,
    more);
}

/** What moderation rules decided about an item: "escalated", then its labels, as badges (text only). */
export function moderationBadges(item) {
  return [
    item.escalated ? el('span', { class: 'badge item-escalated', dataset: { escalated: 'true' } }, 'escalated') : null,
    ...(item.labels || []).map((label) => el('span', { class: 'badge item-label', dataset: { label: String(label) } },
      String(label))),
  ];
}

/** Every status of an inbox item, in the order of its life, with the words people read. */
export const ITEM_STATUSES = Object.freeze({
  NEW: 'new',
  IN_PROGRESS: 'in progress',
  ANSWERED: 'answered',
  CLOSED: 'closed',
});

/** An item's status as a badge: a label and a style of its own. */
export function itemStatusBadge(status) {
  const known = Object.hasOwn(ITEM_STATUSES, status);
  return el('span', {
    class: `badge item-status item-${known ? status.toLowerCase().replace('_', '-') : 'unknown'}`,
    dataset: { status: String(status) },
  }, known ? ITEM_STATUSES[status] : String(status).toLowerCase());
}

const REPLY_STATES = Object.freeze({
  IN_REVIEW: 'waiting for approval', REJECTED: 'turned down', SENDING: 'sending…', SENT: 'sent', FAILED: 'failed',
  UNKNOWN: 'unknown',
});

/** An answer's state as a badge. */
export function replyStateBadge(state) {
  const known = Object.hasOwn(REPLY_STATES, state);
  return el('span', {
    class: `badge reply-state reply-${known ? state.toLowerCase() : 'unknown'}`,
    dataset: { state: String(state) },
  }, known ? REPLY_STATES[state] : String(state).toLowerCase());
}

/** A length of time for people: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** A saved reply's text for a mention: every {author} becomes the mention's author. */
export function fillSavedReply(text, mention) {
  return String(text || '').split('{author}').join(String(mention.author || ''));
}

/**
 * The inputs of a plugin kind's settings (GET /source-kinds, GET /sink-kinds),
 * named `settings.<name>`; secret ones are password fields never filled back.
 */
export function settingsFields(kind) {
  return kind.settings.map((field) => el('label', {},
    field.label + (field.required ? '' : ' (optional)'),
    el('input', {
      name: `settings.${field.name}`,
      type: field.secret ? 'password' : 'text',
      autocomplete: field.secret ? 'new-password' : 'off',
      required: field.required,
    }),
    field.help ? el('span', { class: 'help' }, field.help) : null));
}

/** The settings typed in `form` for `kind`, by name, the empty ones left out. */
export function settingsValues(form, kind) {
  const values = {};
  for (const field of kind.settings) {
    const value = form.elements[`settings.${field.name}`].value;
    if (value !== '') values[field.name] = value;
  }
  return values;
}
