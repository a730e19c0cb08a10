// A real OpenID Provider for the tests: the `oidc-provider` package (a certified implementation),
// which ships ES modules only, so it runs in a child process of its own (test/support/oidc-test-provider.ts
// starts and stops it). It listens on 127.0.0.1 on a free port and prints one JSON line
// {"issuer": ...} once it listens. Its configuration comes as JSON in OIDC_TEST_PROVIDER:
//   { jwks: {keys: [private JWK]}, audience, client: {id, secret},
//     machineClient: {id, secret, claims}, accounts: {login: claims} }
// and the web client's redirect URI, which names the API's port, from PUT /__test/redirect-uri
// (the API starts knowing the issuer; its port is known only then). Until that, it answers 503.
// The post-logout redirect URI registered with it (RP-Initiated Logout) is the API's default,
// <origin>/sign-in?signedOut=1.
// People log in on the provider's own development pages (devInteractions: any password);
// PUT /__test/accounts/<login> with a JSON body of claims adds or changes an account.
import { createServer } from 'node:http';
import Provider, { errors } from 'oidc-provider';

const options = JSON.parse(process.env.OIDC_TEST_PROVIDER ?? '{}');
const accounts = new Map(Object.entries(options.accounts ?? {}));

const server = createServer((req, res) => handler(req, res));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

let provider;
let callback;

function startProvider(redirectUri) {
  provider = new Provider(issuer, {
    jwks: options.jwks,
    clients: [
      {
        client_id: options.client.id,
        client_secret: options.client.secret,
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [new URL('/sign-in?signedOut=1', redirectUri).href],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: options.machineClient.id,
        client_secret: options.machineClient.secret,
        redirect_uris: [],
        grant_types: ['client_credentials'],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    scopes: ['openid', 'email', 'profile', 'api'],
    // The groups come with 'openid', as many providers send them (a groups mapper, not a scope of its own).
    claims: { openid: ['sub', 'groups'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    cookies: { keys: ['test-provider-cookie-key-0123456789'] },
    findAccount: async (_ctx, sub) => {
      const claims = accounts.get(sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...claims }) };
    },
    // The API's bearer tokens carry who and which groups, as a provider configured for it does.
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind !== 'AccessToken' && token.kind !== 'ClientCredentials') return undefined;
      if (token.kind === 'ClientCredentials') return options.machineClient.claims;
      const claims = accounts.get(token.accountId);
      return claims ? { email: claims.email, email_verified: claims.email_verified, groups: claims.groups } : undefined;
    },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // The API's audience for the machine client; the web client's access token stays opaque,
        // for the userinfo endpoint (a token for a resource server is refused there).
        defaultResource: (_ctx, client) => (client.clientId === options.machineClient.id ? options.audience : undefined),
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== options.audience) throw new errors.InvalidTarget();
          return { scope: 'api', audience: options.audience, accessTokenFormat: 'jwt', accessTokenTTL: 600, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
  });

  callback = provider.callback();
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function handler(req, res) {
  if (req.url === '/__test/redirect-uri' && req.method === 'PUT') {
    if (!provider) startProvider((await readJson(req)).redirectUri);
    res.writeHead(204).end();
    return;
  }
  const match = /^\/__test\/accounts\/([^/?]+)$/.exec(req.url ?? '');
  if (match && req.method === 'PUT') {
    accounts.set(decodeURIComponent(match[1]), await readJson(req));
    res.writeHead(204).end();
    return;
  }
  if (!callback) {
    res.writeHead(503).end('not configured yet: PUT /__test/redirect-uri');
    return;
  }
  callback(req, res);
}

process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
