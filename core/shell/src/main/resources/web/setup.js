// The set-up page: creates the first administrator with the one-time token from
// the link in the workbench's log (/setup#<token>; a fragment never reaches a
// server), which signs them in; then the workbench.

import { postJson, setupRequired, showError } from '/web/auth-form.js';

const form = document.getElementById('setup');
const box = document.getElementById('message');
const button = form.querySelector('button[type=submit]');
const token = decodeURIComponent(location.hash.replace(/^#/, ''));
// Out of the address bar (and of bookmarks and screenshots); kept in memory for the form.
if (location.hash) history.replaceState(null, '', location.pathname);

if (!(await setupRequired())) {
  location.replace('/login');
} else if (!token) {
  showError(form, box, 'Open the set-up link from the workbench\'s log: it carries the set-up token.', null);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  button.disabled = true;
  try {
    const { status, body } = await postJson('/setup', {
      token,
      email: form.elements.email.value,
      displayName: form.elements.displayName.value,
      password: form.elements.password.value,
    });
    if (status === 201) {
      location.assign('/');
      return;
    }
    if (status === 409) {
      location.replace('/login');
      return;
    }
    const message = status === 403
      ? 'The set-up token is wrong or used up. Open the link of the latest start in the workbench\'s log.'
      : (body && body.message) || `The workbench answered HTTP ${status}.`;
    showError(form, box, message, body ? body.field : null);
  } catch (error) {
    showError(form, box, `The workbench does not answer: ${error.message}`, null);
  } finally {
    button.disabled = false;
  }
});
