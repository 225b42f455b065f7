// The one way the shell and its views talk to the REST API: JSON in and out,
// errors turned into ApiError with the API's code, message and field.

/** An error answer of the REST API. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `The workbench answered HTTP ${status}.`);
    this.status = status;
    this.code = body && body.code ? body.code : 'http_' + status;
    this.field = body ? body.field : null;
  }
}

/**
 * Calls the REST API. `path` is relative to /api/v1 (e.g. '/workspaces').
 * A plain object body is sent as JSON; a Blob or File is sent as is with its
 * own content type (or `contentType`).
 */
export async function api(method, path, body, contentType) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body instanceof Blob) {
    init.body = body;
    init.headers['Content-Type'] = contentType || body.type || 'application/octet-stream';
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
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
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}
