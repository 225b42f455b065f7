// The client sign-off page (/signoff#<secret>): a client without an account sees
// the posts an agency shared with them for a period, approves or rejects each
// one in review, and comments. The secret stays in the address's fragment, which
// browsers never send; the page sends it in the body of POST requests only, so
// no server or proxy log keeps it. The page wears the workspace's branding (its
// display name, logo and colour). Everything shown comes from other people and
// goes into the page as text; images are fetched with the secret and shown from
// blob addresses.

import { el, formatInstant } from '/web/dom.js';

const secret = decodeURIComponent(location.hash.slice(1));
const box = document.getElementById('message');
const list = document.getElementById('posts');
const objectUrls = [];

function show(text, kind = 'info') {
  box.textContent = text;
  box.className = `message message-${kind}`;
  box.hidden = false;
}

async function post(path, body) {
  const response = await fetch('/api/v1' + path, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    credentials: 'omit',
    body: JSON.stringify({ token: secret, ...body }),
  });
  const text = response.status === 204 ? '' : await response.text();
  let parsed = null;
  try {
    parsed = text && response.headers.get('Content-Type')?.includes('json') ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) throw new Error(parsed && parsed.message ? parsed.message : `HTTP ${response.status}`);
  return parsed;
}

async function image(medium) {
  const response = await fetch(`/api/v1/signoff/media/${encodeURIComponent(medium.id)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'omit',
    body: JSON.stringify({ token: secret }),
  });
  if (!response.ok) return null;
  const url = URL.createObjectURL(await response.blob());
  objectUrls.push(url);
  return url;
}

function formatLocal(local, zone) {
  const date = new Date(`${local}Z`);
  if (Number.isNaN(date.getTime())) return `${local} (${zone})`;
  const text = date.toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' });
  return `${text} (${zone})`;
}

const STATES = { IN_REVIEW: 'waiting for your approval', SCHEDULED: 'approved, scheduled', PUBLISHING: 'publishing',
  PUBLISHED: 'published' };

function variantSection(variant) {
  const media = el('ul', { class: 'post-media' });
  for (const medium of variant.media || []) {
    const item = el('li', { class: 'post-medium' }, el('span', { class: 'muted' }, medium.alt || medium.mediaType));
    media.append(item);
    if (String(medium.mediaType).startsWith('image/')) {
      image(medium).then((url) => {
        if (url) item.prepend(el('img', { class: 'media-thumb', alt: medium.alt || '', src: url }));
      });
    }
  }
  return el('section', { class: 'post-account panel' },
    el('h3', {}, `${variant.platform} · ${variant.handle}`),
    el('p', { class: 'post-text' }, variant.text),
    (variant.thread || []).length === 0 ? null
      : el('ol', { class: 'post-thread' }, variant.thread.map((part) => el('li', { class: 'post-text' }, part))),
    (variant.media || []).length === 0 ? null : media);
}

function postCard(item) {
  const comments = el('ul', { class: 'comments' }, (item.comments || []).map((c) => el('li', { class: 'comment' },
    el('span', { class: 'comment-author' }, c.authorName), ' ', el('span', { class: 'muted' }, formatInstant(c.at)),
    el('p', { class: 'comment-text' }, c.text))));
  const text = el('textarea', { name: 'comment', rows: 2, maxlength: 4000, 'aria-label': 'Your comment' });
  const act = (what, path, body) => async () => {
    for (const button of card.querySelectorAll('button')) button.disabled = true;
    try {
      await post(path, body ? body() : {});
      show(what, 'ok');
    } catch (error) {
      show(error.message, 'error');
    }
    await load();
  };
  const needsText = (then) => () => {
    if (!text.value.trim()) {
      show('Write a few words first: they go to the agency with the post.', 'error');
      text.focus();
      return;
    }
    then();
  };
  const card = el('article', { class: 'signoff-post panel', dataset: { post: item.id, state: item.state } },
    el('h2', {}, formatLocal(item.localAt, item.zone)),
    el('p', { class: 'signoff-state' }, STATES[item.state] || item.state,
      item.steps > 1 ? ` (step ${item.step} of ${item.steps})` : ''),
    el('div', { class: 'post-accounts' }, (item.variants || []).map(variantSection)),
    el('h3', {}, 'Comments'),
    (item.comments || []).length === 0 ? el('p', { class: 'muted' }, 'No comments yet.') : comments,
    el('label', { class: 'stacked' }, 'Your comment', text),
    el('div', { class: 'toolbar-group' },
      item.mayDecide ? el('button', {
        type: 'button', class: 'primary', dataset: { action: 'approve' },
        on: { click: act('Approved: thank you.', `/signoff/posts/${item.id}/approve`) },
      }, 'Approve') : null,
      item.mayDecide ? el('button', {
        type: 'button', class: 'danger', dataset: { action: 'reject' },
        on: { click: needsText(act('Sent back to the agency with your comment.', `/signoff/posts/${item.id}/reject`,
          () => ({ comment: text.value }))) },
      }, 'Ask for changes') : null,
      el('button', {
        type: 'button', dataset: { action: 'comment' },
        on: { click: needsText(act('Comment sent.', `/signoff/posts/${item.id}/comments`,
          () => ({ text: text.value }))) },
      }, 'Comment')));
  return card;
}

async function load() {
  let page;
  try {
    page = await post('/signoff');
  } catch (error) {
    document.getElementById('title').textContent = 'This link does not open';
    list.replaceChildren();
    show(error.message, 'error');
    return;
  }
  for (const url of objectUrls.splice(0)) URL.revokeObjectURL(url);
  document.title = `${page.workspaceName} · posts to approve`;
  const brand = document.getElementById('workspace');
  brand.replaceChildren(page.workspaceName);
  if (page.logo) {
    image({ id: page.logo }).then((url) => {
      if (url) brand.prepend(el('img', { class: 'signoff-logo', alt: '', src: url }));
    });
  }
  // The workspace's colour, set through the CSSOM (which the Content-Security-Policy allows).
  if (/^#[0-9a-f]{6}$/i.test(page.accent || '')) document.body.style.setProperty('--accent', page.accent);
  document.getElementById('title').textContent = `Posts for ${page.clientName}`;
  document.getElementById('period').textContent = `From ${formatInstant(page.from)} to ${formatInstant(page.to)}`
    + ` · this link works until ${formatInstant(page.expiresAt)}`;
  list.replaceChildren(...(page.posts.length === 0
    ? [el('p', { class: 'muted' }, 'No post is planned in this period yet.')]
    : page.posts.map(postCard)));
}

if (!secret) {
  document.getElementById('title').textContent = 'This link is incomplete';
  show('Open the whole address the agency sent you, including the part after #.', 'error');
} else {
  await load();
}
