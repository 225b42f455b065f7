// The sign-in page: POST /api/v1/session, then the workbench. Before set-up
// there is nobody to sign in, so it sends people to /setup.

import { postJson, setupRequired, showError } from '/web/auth-form.js';

const form = document.getElementById('login');
const box = document.getElementById('message');
const button = form.querySelector('button[type=submit]');

if (await setupRequired()) location.replace('/setup');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  button.disabled = true;
  try {
    const { status, body, headers } = await postJson('/session', {
      email: form.elements.email.value,
      password: form.elements.password.value,
    });
    if (status === 200) {
      location.assign('/');
      return;
    }
    form.elements.password.value = '';
    if (status === 429) {
      const wait = headers.get('Retry-After');
      showError(form, box, `Too many failed sign-ins. Try again in ${wait || 'a few'} seconds.`, null);
    } else if (status === 503 && body && body.code === 'setup_required') {
      location.replace('/setup');
    } else {
      showError(form, box, body && body.message ? body.message : `The workbench answered HTTP ${status}.`,
        body ? body.field : null);
    }
  } catch (error) {
    showError(form, box, `The workbench does not answer: ${error.message}`, null);
  } finally {
    button.disabled = false;
  }
});
