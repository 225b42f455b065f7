// The addresses of views: #/view/<id>, optionally with parameters after a
// question mark (#/view/post?ws=ws_1&id=post_2). The shell opens the view; the
// view reads its parameters with viewParams(). A change of parameters opens the
// view afresh, so a view reads them once, when it is connected.

/** The view id and the raw parameters of `hash`, or null when it names no view. */
export function parseViewHash(hash = location.hash) {
  const match = /^#\/view\/([^/?]+)(?:\?(.*))?$/.exec(hash);
  if (!match) return null;
  try {
    return { id: decodeURIComponent(match[1]), query: match[2] || '' };
  } catch {
    return null; // a malformed escape: no view
  }
}

/** The parameters of the open view (URLSearchParams; empty when there are none). */
export function viewParams() {
  const parsed = parseViewHash();
  return new URLSearchParams(parsed ? parsed.query : '');
}

/** The address of view `id` with `params` (empty, null and undefined values are left out). */
export function viewHref(id, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return `#/view/${encodeURIComponent(id)}${text ? '?' + text : ''}`;
}
