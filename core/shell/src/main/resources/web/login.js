// The sign-in page: POST /api/v1/session, then the workbench. Before set-up
// there is nobody to sign in, so it sends people to /setup. When a company
// provider is configured (GET /api/v1/setup names it) a link starts that
// sign-in; a refused one comes back as /login#oidc-error=<reason>.

import { postJson, setupState, showError } from '/web/auth-form.js';

const form = document.getElementById('login');
const box = document.getElementById('message');
const button = form.querySelector('button[type=submit]');

/** What each reason of a refused company sign-in tells the person; nothing the provider said is shown. */
const OIDC_ERRORS = {
  unavailable: 'Signing in with your company account is not available right now. Sign in with your e-mail and password, or ask an administrator.',
  throttled: 'Too many failed sign-ins. Try again in a few minutes.',
  expired: 'That sign-in took too long or was used already. Try again.',
  denied: 'Your company account did not allow the sign-in.',
  failed: 'Your company account could not be checked. Try again, or ask an administrator.',
  unverified: 'Your company account has no verified e-mail address, so it cannot be matched to anyone here.',
  unknown: 'Nobody in this workbench has the e-mail address of your company account. Ask an administrator to add you.',
  disabled: 'Your access to this workbench is disabled. Ask an administrator.',
};

const state = await setupState();
if (state && state.required === true) location.replace('/setup');

if (state && state.oidc) {
  const link = document.getElementById('oidc-sign-in');
  link.textContent = state.oidc.label;
  link.href = state.oidc.url;
  document.getElementById('oidc').hidden = false;
}

const reason = new URLSearchParams(location.hash.slice(1)).get('oidc-error');
if (reason) {
  showError(form, box, Object.hasOwn(OIDC_ERRORS, reason) ? OIDC_ERRORS[reason] : OIDC_ERRORS.failed, null);
  // The reason is shown once; a reload starts clean.
  history.replaceState(null, '', location.pathname);
}

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
