// The one way the shell and its views talk to the REST API: JSON in and out,
// errors turned into ApiError with the API's code, message and field.
// State-changing calls carry the session's CSRF token (X-CSRF-Token); an
// answer 401 means the session ended, so the browser goes to the sign-in page.

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken = null;

/**
 * An error answer of the REST API; `problems` lists every problem of a failed check ({field, message});
 * `position` is the 0-based index of the character a refused text (a listening query) goes wrong at, or null.
 */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `The workbench answered HTTP ${status}.`);
    this.status = status;
    this.code = body && body.code ? body.code : 'http_' + status;
    this.field = body ? body.field : null;
    this.problems = body && Array.isArray(body.problems) ? body.problems : [];
    this.position = body && Number.isInteger(body.position) ? body.position : null;
  }
}

/** Remembers the CSRF token of the session (from GET /api/v1/session). */
export function setCsrfToken(token) {
  csrfToken = token || null;
}

/** The signed-in session ({ person, csrfToken, memberships }); throws ApiError 401 when nobody is signed in. */
export async function session() {
  const current = await call('GET', '/session', undefined, undefined, false);
  setCsrfToken(current.csrfToken);
  return current;
}

/**
 * Calls the REST API. `path` is relative to /api/v1 (e.g. '/workspaces').
 * A plain object body is sent as JSON; a Blob or File is sent as is with its
 * own content type (or `contentType`).
 */
export async function api(method, path, body, contentType) {
  if (STATE_CHANGING.has(method) && csrfToken === null) {
    try {
      await session();
    } catch {
      // not signed in: the call itself answers 401 and leads to the sign-in page
    }
  }
  return call(method, path, body, contentType, true);
}

/**
 * Sends a file as the body of a POST to the REST API, like api() but through
 * XMLHttpRequest, the one browser call that reports how much of a body was sent:
 * `onProgress(sent, total)` is called as the upload goes. `signal` (an
 * AbortSignal) stops it. Answers and errors are those of api(); a connection that
 * broke is an ApiError with status 0.
 */
export async function upload(path, file, { contentType, onProgress, signal } = {}) {
  if (csrfToken === null) {
    try {
      await session();
    } catch {
      // not signed in: the upload itself answers 401 and leads to the sign-in page
    }
  }
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/v1' + path);
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Content-Type', contentType || file.type || 'application/octet-stream');
    if (csrfToken) request.setRequestHeader('X-CSRF-Token', csrfToken);
    if (onProgress) {
      request.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) onProgress(event.loaded, event.total);
      });
    }
    request.addEventListener('load', () => {
      let parsed = null;
      try {
        parsed = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        parsed = null;
      }
      if (request.status === 401) location.assign('/login');
      if (request.status >= 200 && request.status < 300) {
        resolve(parsed);
      } else {
        reject(new ApiError(request.status, parsed));
      }
    });
    request.addEventListener('error', () => reject(new ApiError(0, {
      code: 'network_error', message: 'the connection to the workbench broke before the file was sent',
    })));
    request.addEventListener('abort', () => reject(new ApiError(0, {
      code: 'aborted', message: 'the upload was stopped',
    })));
    if (signal) {
      if (signal.aborted) {
        reject(new ApiError(0, { code: 'aborted', message: 'the upload was stopped' }));
        return;
      }
      signal.addEventListener('abort', () => request.abort(), { once: true });
    }
    request.send(file);
  });
}

async function call(method, path, body, contentType, signInOn401) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body instanceof Blob) {
    init.body = body;
    init.headers['Content-Type'] = contentType || body.type || 'application/octet-stream';
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  if (STATE_CHANGING.has(method) && csrfToken) init.headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch('/api/v1' + path, init);
  if (response.status === 204) return null;
  let parsed = null;
  const text = await response.text();
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (response.status === 401 && signInOn401) location.assign('/login');
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}
