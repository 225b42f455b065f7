// Shared by the sign-in and set-up pages: post a form as JSON, show the API's
// message next to the field it names, go to the workbench on success.

/** Posts `body` to /api/v1`path` as JSON; resolves to { status, body, headers }. */
export async function postJson(path, body) {
  const response = await fetch('/api/v1' + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  let parsed = null;
  try {
    parsed = await response.json();
  } catch {
    parsed = null;
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** GET /api/v1/setup: { required, oidc? } (oidc: { label, url } when company sign-in is on), or null. */
export async function setupState() {
  try {
    const response = await fetch('/api/v1/setup', { headers: { Accept: 'application/json' } });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

/** Whether the workbench still waits for its first administrator. */
export async function setupRequired() {
  const state = await setupState();
  return state !== null && state.required === true;
}

/** Shows `text` in the message box (as text) and marks the named field invalid. */
export function showError(form, box, text, field) {
  for (const input of form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
  if (field && form.elements[field]) {
    form.elements[field].setAttribute('aria-invalid', 'true');
    form.elements[field].focus();
  }
  box.textContent = text;
  box.className = 'message message-error';
  box.hidden = false;
}
