// What the editorial calendar's views (calendar, composer, post) share: the
// states of a post and their badges, an account's colour, wall-clock times in
// a time zone, and how each network counts the length of a text. Times are
// computed with Intl only (no library): a post is planned on the wall clock of
// its zone, which may differ from the browser's.

import { api } from '/web/api.js';
import { el } from '/web/dom.js';

/** Every state of a post, in the order of its life, with the words people read. */
export const STATES = Object.freeze({
  DRAFT: 'draft',
  IN_REVIEW: 'in review',
  SCHEDULED: 'scheduled',
  PUBLISHING: 'publishing',
  PUBLISHED: 'published',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
});

/** States in which a post can still be moved or edited. */
export const CHANGEABLE = new Set(['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'FAILED']);

/** The state of a post as a badge: a text label and a style of its own (never colour alone). */
export function stateBadge(state) {
  const known = Object.hasOwn(STATES, state);
  return el('span', {
    class: `badge state state-${known ? state.toLowerCase().replace('_', '-') : 'unknown'}`,
    dataset: { state: String(state) },
  }, known ? STATES[state] : String(state).toLowerCase());
}

/** A hue (0–359) that stays the same for an account id on every page and every visit (FNV-1a). */
export function accountHue(accountId) {
  let hash = 0x811c9dc5;
  for (const char of String(accountId)) {
    hash ^= char.codePointAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 360;
}

/**
 * Colours `element` for an account. A custom property set through the CSSOM,
 * which the Content-Security-Policy allows; the stylesheet turns it into colours.
 */
export function paintAccount(element, accountId) {
  element.style.setProperty('--account-hue', String(accountHue(accountId)));
  return element;
}

// --- time zones

/** The browser's time zone, e.g. Europe/Paris ('UTC' when it cannot tell). */
export function browserZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The IANA zones the browser knows, with `extra` (e.g. the workspace's zone) when it is missing. */
export function zoneList(...extra) {
  let zones = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = new Set(zones);
  for (const zone of extra) if (zone) all.add(zone);
  if (!all.has('UTC')) all.add('UTC');
  return [...all].sort();
}

const formatters = new Map();

function partsFormatter(zone) {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock time of an instant (ISO text or milliseconds) in `zone`, as 'YYYY-MM-DDTHH:mm:ss'. */
export function localIn(instant, zone) {
  const date = new Date(instant);
  const parts = {};
  for (const part of partsFormatter(zone).formatToParts(date)) parts[part.type] = part.value;
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return `${parts.year.padStart(4, '0')}-${parts.month}-${parts.day}T${hour}:${parts.minute}:${parts.second}`;
}

/** How far `zone`'s wall clock is ahead of UTC at instant `ms`, in milliseconds. */
function offsetAt(ms, zone) {
  const whole = Math.floor(ms / 1000) * 1000;
  return Date.parse(localIn(whole, zone) + 'Z') - whole;
}

/**
 * The instant (milliseconds) of wall-clock time `local` ('YYYY-MM-DDTHH:mm[:ss]')
 * in `zone`. A time that exists twice is the first of the two; one skipped by a
 * clock change lands just after the change.
 */
export function instantOf(local, zone) {
  const asUtc = Date.parse(withSeconds(local) + 'Z');
  const before = offsetAt(asUtc - 86400000, zone);
  const after = offsetAt(asUtc + 86400000, zone);
  // The earlier offset first: it is the one in force before a change.
  for (const offset of [Math.max(before, after), Math.min(before, after)]) {
    const ms = asUtc - offset;
    if (offsetAt(ms, zone) === offset) return ms;
  }
  // Skipped by a clock change: read with the offset before it, which lands after the gap.
  return asUtc - before;
}

/** 'YYYY-MM-DDTHH:mm' → 'YYYY-MM-DDTHH:mm:00'; longer values are cut to seconds. */
export function withSeconds(local) {
  const text = String(local);
  return text.length === 16 ? text + ':00' : text.slice(0, 19);
}

/** Where a post stands on the wall clock of `zone`, or null when it has no time. */
export function postLocal(post, zone) {
  if (post.localAt && post.zone === zone) return withSeconds(post.localAt);
  return post.at ? localIn(post.at, zone) : null;
}

/** Today's date ('YYYY-MM-DD') in `zone`. */
export function todayIn(zone) {
  return localIn(Date.now(), zone).slice(0, 10);
}

/** The date `days` after `date` (both 'YYYY-MM-DD'; calendar arithmetic, no time zone involved). */
export function addDays(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The day of the week of `date`, Monday 0 to Sunday 6. */
export function weekday(date) {
  const [y, m, d] = date.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** The days of the week as the API names them (queue slots, best times), Monday first. */
export const DAYS = Object.freeze(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']);

/** A day's name in the browser's language ('long' or 'short'); 2024-01-01 was a Monday. */
export function dayName(day, width = 'long') {
  const date = Date.UTC(2024, 0, 1 + DAYS.indexOf(day));
  return new Intl.DateTimeFormat(undefined, { weekday: width, timeZone: 'UTC' }).format(date);
}

/**
 * The next wall-clock time ('YYYY-MM-DDTHH:00') in `zone`, after `now` (ms), that
 * falls on `day` (as DAYS names it) at `hour`: today when that hour is still to
 * come, else the next such day.
 */
export function nextWeekly(day, hour, zone, now = Date.now()) {
  const local = localIn(now, zone);
  const today = local.slice(0, 10);
  let ahead = (DAYS.indexOf(day) - weekday(today) + 7) % 7;
  if (ahead === 0 && Number(local.slice(11, 13)) >= hour) ahead = 7;
  return `${addDays(today, ahead)}T${String(hour).padStart(2, '0')}:00`;
}

/** A wall-clock date or date-time formatted for people, in their language (not converted). */
export function formatLocal(local, options = { dateStyle: 'medium', timeStyle: 'short' }) {
  if (!local) return '';
  const ms = Date.parse((local.length === 10 ? local + 'T00:00:00' : withSeconds(local)) + 'Z');
  if (Number.isNaN(ms)) return local;
  return new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' }).format(ms);
}

/** An instant as UTC, 'YYYY-MM-DD HH:mm:ss UTC'. */
export function formatUtc(instant) {
  if (!instant) return '';
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? String(instant) : date.toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
}

// --- lengths, as the networks count them

let graphemes = null;

function graphemeCount(text) {
  if (graphemes === null) {
    try {
      graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    } catch {
      graphemes = false;
    }
  }
  if (!graphemes) return [...text].length;
  let count = 0;
  for (const _ of graphemes.segment(text)) count++;
  return count;
}

/** A web address in a text, as networks that shorten links find it. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"]+/giu;
/** Punctuation that ends a sentence rather than a link. */
const TRAILING = /[.,;:!?'")\]}]+$/u;
/** What a network that shortens links counts for each one. */
const URL_LENGTH = 23;

/**
 * The length of `text` as a network with `rule` counts it: GRAPHEMES
 * (user-perceived characters), CODE_POINTS, or CODE_POINTS_URLS_AS_23 (code
 * points, every web address counted as 23).
 */
export function textLength(text, rule) {
  const value = String(text || '');
  if (rule === 'GRAPHEMES') return graphemeCount(value);
  if (rule === 'CODE_POINTS_URLS_AS_23') {
    let count = 0;
    const rest = value.replace(URL_IN_TEXT, (url) => {
      const trailing = (TRAILING.exec(url) || [''])[0];
      count += URL_LENGTH + [...trailing].length;
      return '';
    });
    return count + [...rest].length;
  }
  return [...value].length;
}

/** How `rule` is said to people ("characters", "code points"…). */
export function lengthUnit(rule) {
  if (rule === 'GRAPHEMES') return 'characters';
  if (rule === 'CODE_POINTS_URLS_AS_23') return 'characters (links count 23)';
  return 'code points';
}

// --- posts

/** The text a post publishes on an account (its variant's), or ''. */
export function postText(post, accountId) {
  const variant = post.variants && post.variants[accountId];
  return variant && typeof variant.text === 'string' ? variant.text : '';
}

/** `value` when it is an http(s) address (the only kind that becomes a link), else null. */
export function httpUrl(value) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** How an account is named in the views: "Bluesky · @alice.example" (platform name when known). */
export function accountLabel(account, platforms = []) {
  if (!account) return '';
  const platform = platforms.find((p) => p.id === account.platform);
  return `${platform ? platform.name : account.platform} · ${account.handle}`;
}

// --- the workspace last worked in, shared by the calendar and the composer

const WORKSPACE_KEY = 'atelier.publish.workspace';

/** The workspace id last picked in a publishing view ('*' for every workspace), or null. */
export function rememberedWorkspace() {
  try {
    return localStorage.getItem(WORKSPACE_KEY);
  } catch {
    return null;
  }
}

/** Remembers the workspace picked, for the next publishing view opened. */
export function rememberWorkspace(id) {
  try {
    localStorage.setItem(WORKSPACE_KEY, id);
  } catch {
    // storage disabled: the views fall back to the first workspace
  }
}

/** `text` ending as a sentence does, so another sentence can follow it. */
export function sentence(text) {
  const value = String(text || '').trim();
  return /[.!?…]$/u.test(value) ? value : `${value}.`;
}

/** `/workspaces/{ws}` with the id escaped, for API paths. */
export function workspacePath(workspaceId) {
  return `/workspaces/${encodeURIComponent(workspaceId)}`;
}

/** `/workspaces/{ws}/posts/{id}`, for API paths. */
export function postPath(workspaceId, postId) {
  return `${workspacePath(workspaceId)}/posts/${encodeURIComponent(postId)}`;
}

/**
 * The decision on a post in review, as the Approvals and Post views offer it: a
 * comment field, Approve, and Ask for changes (which needs the comment). `decide(what,
 * call)` runs the call and reports `what`; `refuse(text)` says why nothing was sent.
 * `more` are extra controls put after the buttons.
 */
export function decisionControls(post, decide, refuse, ...more) {
  const path = postPath(post.workspace, post.id);
  const comment = el('textarea', { name: 'review-comment', rows: 2, maxlength: 4000, 'aria-label': 'Comment' });
  return [
    el('label', { class: 'stacked comment-form' }, 'Comment (needed to ask for changes)', comment),
    el('div', { class: 'toolbar-group' },
      el('button', {
        type: 'button', class: 'primary', dataset: { action: 'approve' },
        on: { click: () => decide('Approved.', () => api('POST', `${path}/approve`, { version: post.version })) },
      }, 'Approve'),
      el('button', {
        type: 'button', class: 'danger', dataset: { action: 'reject' },
        on: {
          click: () => {
            if (!comment.value.trim()) {
              refuse('Say what to change: the comment goes back to the author.');
              comment.focus();
              return;
            }
            decide('Sent back to draft with your comment.',
              () => api('POST', `${path}/reject`, { comment: comment.value, version: post.version }));
          },
        },
      }, 'Ask for changes'),
      more)];
}
