// A real OpenID Connect provider for the workbench's sign-in test: oidc-provider
// (panva/node-oidc-provider, MIT) with its development login and consent pages, one
// confidential client (client_secret_basic, authorization code with PKCE) and a fixed set
// of people. Signing keys (RS256 and ES256) are made at each start; nothing is stored.
//
// Usage: node provider.mjs   (configured by the environment, see start.sh)
//   OIDC_PORT           port on 127.0.0.1
//   OIDC_CLIENT_ID      the workbench's client id
//   OIDC_CLIENT_SECRET  its secret
//   OIDC_REDIRECT_URI   the workbench's callback, registered for the client
// Prints "LISTENING <issuer>" once it answers.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;

// The people the provider knows. The dev login page takes any login; the login typed is the
// account id, so a test signs in as "ada" or "stranger". An unknown login has no account.
const people = {
  ada: { email: 'ada@agency.example', email_verified: true, name: 'Ada Lovelace' },
  grace: { email: 'grace@agency.example', email_verified: true, name: 'Grace Hopper' },
  stranger: { email: 'stranger@elsewhere.example', email_verified: true, name: 'Somebody Else' },
  unverified: { email: 'unverified@agency.example', email_verified: false, name: 'Not Verified' },
  disabled: { email: 'disabled@agency.example', email_verified: true, name: 'Gone Away' },
};

function jwk(type, options, alg) {
  const { privateKey } = generateKeyPairSync(type, options);
  return { ...privateKey.export({ format: 'jwk' }), alg, use: 'sig', kid: `${alg.toLowerCase()}-${randomBytes(4).toString('hex')}` };
}

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: [process.env.OIDC_REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  async findAccount(ctx, id) {
    const person = Object.hasOwn(people, id) ? people[id] : undefined;
    if (!person) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...person }; } };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // Claims of the granted scopes go into the ID token itself, not only into userinfo.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  jwks: {
    keys: [
      jwk('rsa', { modulusLength: 2048 }, 'RS256'),
      jwk('ec', { namedCurve: 'P-256' }, 'ES256'),
    ],
  },
  ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
});

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`LISTENING ${issuer}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
