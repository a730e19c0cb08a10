import { createPublicKey, KeyObject, randomBytes } from 'node:crypto';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { newRsaKey, OidcTestProvider, signHs256, signRs256, startOidcTestProvider, unsignedJwt } from '../../support/oidc-test-provider';

const AUDIENCE = 'https://aigov.test/api';
const ROLE_MAP = 'ai-gov-admins=admin,ai-gov-approvers=approver,ai-gov-auditors=auditor';
const INVALID = { statusCode: 401, error: 'Unauthorized', message: 'the bearer token is not valid' };

/**
 * API clients' JWT bearer tokens against a real OpenID Provider (the oidc-provider package in a
 * child process): tokens it issued are accepted with the roles its groups map to; expired,
 * wrong-audience, wrong-issuer, foreign-key, `alg: none` and HS256-with-the-public-key tokens are
 * 401 and write nothing; a deactivated person, a person unknown here, or groups that map to no
 * role are 403. Personal tokens keep working beside them.
 */
describe('JWT bearer tokens from the OpenID Provider', () => {
  let op: OidcTestProvider;
  let h: Harness;
  let admin: HarnessUser;
  let robot: HarnessUser;

  beforeAll(async () => {
    op = await startOidcTestProvider({
      audience: AUDIENCE,
      machineClaims: { email: 'robot@aigov.test', email_verified: true, groups: ['ai-gov-auditors'] },
    });
    h = await startGovernanceHarness({
      worker: false,
      env: {
        OIDC_ISSUER: op.issuer,
        OIDC_CLIENT_ID: op.client.id,
        OIDC_CLIENT_SECRET: op.client.secret,
        OIDC_AUDIENCE: AUDIENCE,
        OIDC_ROLE_MAP: ROLE_MAP,
      },
    });
    await op.setRedirectUri(`${h.baseUrl}/auth/oidc/callback`);
    admin = await h.createUser(['admin']);
    robot = await h.createUser(['product_owner'], { email: 'robot@aigov.test', name: 'Build robot' });
  });
  afterAll(async () => {
    await h?.stop();
    await op?.stop();
  });

  const now = () => Math.floor(Date.now() / 1000);
  /** The claims of an access token the provider issues for the API, for `email`. */
  const claimsFor = (email: string, groups: string[], overrides: Record<string, unknown> = {}) => ({
    iss: op.issuer,
    aud: AUDIENCE,
    sub: `sub-${email}`,
    iat: now(),
    exp: now() + 300,
    email,
    email_verified: true,
    groups,
    ...overrides,
  });
  const providerSigned = (payload: Record<string, unknown>) => signRs256({ kid: op.signingKey.kid }, payload, op.signingKey.privateKey);
  const session = (token: string) => h.api('GET', '/api/v1/auth/session', { token });

  it('tells the sign-in page that single sign-on is on', async () => {
    expect((await h.api('GET', '/api/v1/auth/sign-in-methods')).body).toEqual({ emailLink: true, singleSignOn: true });
  });

  it('accepts an access token the provider issued (client_credentials), with the role its groups map to', async () => {
    const token = await op.clientCredentialsToken();
    expect(token.split('.')).toHaveLength(3);
    const response = await session(token);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ via: 'token', csrfToken: null, user: { id: robot.user.id, email: 'robot@aigov.test', roles: ['auditor'] } });
  });

  it("maps the provider's groups to roles on each request: an admin group may list users, an approver group may not", async () => {
    const adminToken = providerSigned(claimsFor(admin.user.email, ['ai-gov-admins', 'staff']));
    expect((await h.api('GET', '/api/v1/users', { token: adminToken })).status).toBe(200);
    const approverToken = providerSigned(claimsFor(admin.user.email, ['ai-gov-approvers']));
    const refused = await h.api('GET', '/api/v1/users', { token: approverToken });
    expect({ status: refused.status, message: refused.body.message }).toEqual({ status: 403, message: 'managing users needs the admin role' });
    expect((await session(approverToken)).body.user.roles).toEqual(['approver']);
  });

  it('takes personal API tokens and JWTs side by side, each for the same person', async () => {
    const personal = await session(admin.token);
    expect({ status: personal.status, id: personal.body.user?.id }).toEqual({ status: 200, id: admin.user.id });
    const jwt = await session(providerSigned(claimsFor(admin.user.email, ['ai-gov-admins'])));
    expect({ status: jwt.status, id: jwt.body.user?.id }).toEqual({ status: 200, id: admin.user.id });
  });

  describe('refuses with 401, writing nothing,', () => {
    const otherKey = newRsaKey();
    const publicPem = () => (op.signingKey.publicKey as KeyObject).export({ format: 'pem', type: 'spki' }).toString();
    type Claims = ReturnType<typeof claimsFor>;
    /** Each attack, made from claims that the provider's own signature would make acceptable. */
    const cases: Array<[string, (valid: Claims) => string]> = [
      ['an expired token', (c) => providerSigned({ ...c, iat: now() - 3600, exp: now() - 120 })],
      ['a token for another audience', (c) => providerSigned({ ...c, aud: 'https://other.example/api' })],
      ['a token for the client id (an ID token is not an access token)', (c) => providerSigned({ ...c, aud: op.client.id })],
      ['a token from another issuer', (c) => providerSigned({ ...c, iss: 'https://evil.example' })],
      ['a token not yet valid', (c) => providerSigned({ ...c, nbf: now() + 3600 })],
      ['a token without an expiry', (c) => providerSigned({ ...c, exp: undefined })],
      ["a token signed by another key under the provider's key id", (c) => signRs256({ kid: op.signingKey.kid }, c, otherKey.privateKey)],
      ['a token signed by another key under a key id of its own', (c) => signRs256({ kid: 'attacker' }, c, otherKey.privateKey)],
      ['an unsigned token (alg: none)', (c) => unsignedJwt(c)],
      ["an HS256 token keyed with the provider's public key (PEM)", (c) => signHs256({ kid: op.signingKey.kid }, c, publicPem())],
      ["an HS256 token keyed with the provider's public key (DER)", (c) => signHs256({ kid: op.signingKey.kid }, c, createPublicKey(publicPem()).export({ format: 'der', type: 'spki' }))],
      [
        'a token with its payload altered after signing',
        (c) => {
          const [header, , signature] = providerSigned({ ...c, groups: ['ai-gov-approvers'] }).split('.');
          return `${header}.${Buffer.from(JSON.stringify(c)).toString('base64url')}.${signature}`;
        },
      ],
      ['three dotted segments that are no JWT at all', () => `${randomBytes(8).toString('base64url')}.${randomBytes(8).toString('base64url')}.${randomBytes(8).toString('base64url')}`],
    ];

    it.each(cases)('%s', async (_name, attack) => {
      const valid = claimsFor(admin.user.email, ['ai-gov-admins']);
      // The same claims, signed by the provider, are accepted: only the attack differs.
      expect((await session(providerSigned(valid))).status).toBe(200);
      const token = attack(valid);
      const before = await h.rowCounts();
      const read = await session(token);
      expect({ status: read.status, body: read.body }).toEqual({ status: 401, body: INVALID });
      const write = await h.api('PATCH', `/api/v1/users/${robot.user.id}`, { token, body: { name: 'Taken over' } });
      expect({ status: write.status, body: write.body }).toEqual({ status: 401, body: INVALID });
      expect(await h.rowCounts()).toEqual(before);
    });
  });

  it('refuses a deactivated person even with a valid token (403), writing nothing', async () => {
    const leaver = await h.createUser(['approver'], { email: `leaver-${randomBytes(3).toString('hex')}@aigov.test` });
    const token = providerSigned(claimsFor(leaver.user.email, ['ai-gov-approvers']));
    expect((await session(token)).status).toBe(200);
    const deactivated = await h.api('PATCH', `/api/v1/users/${leaver.user.id}`, { token: admin.token, body: { active: false } });
    expect(deactivated.status).toBe(200);
    const before = await h.rowCounts();
    const refused = await session(token);
    expect({ status: refused.status, message: refused.body.message }).toEqual({ status: 403, message: 'this user is deactivated' });
    expect(await h.rowCounts()).toEqual(before);
  });

  it('refuses a valid token whose groups map to no role, and one naming nobody known here (403)', async () => {
    const noRole = await session(providerSigned(claimsFor(admin.user.email, ['staff', 'everyone'])));
    expect(noRole.status).toBe(403);
    expect(noRole.body.message).toMatch(/^your groups at the identity provider \(claim 'groups'\) give no role in AI Governance/);
    const before = await h.rowCounts();
    const stranger = await session(providerSigned(claimsFor('stranger@aigov.test', ['ai-gov-admins'])));
    expect(stranger.status).toBe(403);
    expect(stranger.body.message).toMatch(/^no person here matches this token/);
    const unverified = await session(providerSigned(claimsFor(admin.user.email, ['ai-gov-admins'], { email_verified: false, sub: 'sub-unverified' })));
    expect(unverified.status).toBe(403);
    expect(await h.rowCounts()).toEqual(before);
  });
});
