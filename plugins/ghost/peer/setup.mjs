// Makes a freshly started Ghost usable, as a person does on a new site: waits until Ghost
// answers, creates the owner (the setup screen), signs in as the owner, and creates a custom
// integration, whose Admin API key is what Atelier connects with (Settings → Integrations →
// Add custom integration).
//
// Run by start.sh with the peer's Node:  node setup.mjs URL
// Env: GHOST_PID (the Ghost process: setup gives up when it exits), GHOST_READY_TIMEOUT (seconds).
// Prints one line: "admin-key=<id:secret> content-key=<key> owner=<e-mail> owner-password=<pw>".
import { randomBytes } from 'node:crypto';

const url = process.argv[2];
if (!url) {
  console.error('usage: node setup.mjs URL');
  process.exit(2);
}
const api = `${url}/ghost/api/admin`;
const pid = Number(process.env.GHOST_PID || 0);
const deadline = Date.now() + 1000 * Number(process.env.GHOST_READY_TIMEOUT || 120);
const owner = 'owner@example.com';
const password = 'Atelier-' + randomBytes(12).toString('hex');
// Ghost's admin API accepts session requests only from its own origin.
const headers = { 'Content-Type': 'application/json', Origin: url, 'Accept-Version': 'v6.0' };

function alive() {
  if (!pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function call(method, path, body, extra = {}) {
  const r = await fetch(api + path, {
    method,
    headers: { ...headers, ...extra },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) {
    throw new Error(`${method} ${path} answered ${r.status}: ${text.slice(0, 500)}`);
  }
  // The session endpoint answers plain text ("Created").
  const json = /^\s*[{[]/.test(text) ? JSON.parse(text) : {};
  return { response: r, json };
}

// Ready: the setup endpoint answers (Ghost serves it once its database is migrated).
for (;;) {
  try {
    const r = await fetch(`${api}/authentication/setup/`, { headers });
    if (r.status === 200) break;
  } catch {
    // not listening yet
  }
  if (!alive()) {
    console.error('setup.mjs: Ghost exited before it was ready');
    process.exit(1);
  }
  if (Date.now() > deadline) {
    console.error('setup.mjs: Ghost was not ready in time');
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}

await call('POST', '/authentication/setup/', {
  setup: [{ name: 'Olive Owner', email: owner, password, blogTitle: 'Atelier peer' }],
});
const session = await call('POST', '/session/', { username: owner, password });
const cookie = session.response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const created = await call('POST', '/integrations/?include=api_keys', { integrations: [{ name: 'Atelier' }] },
  { Cookie: cookie });
const keys = Object.fromEntries(created.json.integrations[0].api_keys.map((k) => [k.type, k]));
// Ghost shows the Admin API key as "<id>:<secret>", as its settings screen does.
const admin = keys.admin.secret.includes(":") ? keys.admin.secret : `${keys.admin.id}:${keys.admin.secret}`;
console.log(`admin-key=${admin} content-key=${keys.content.secret} owner=${owner} owner-password=${password}`);
