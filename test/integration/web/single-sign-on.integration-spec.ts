import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, openPage, screenshot } from '../../support/browser';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { OidcTestProvider, signRs256, startOidcTestProvider, TestAccountClaims } from '../../support/oidc-test-provider';
import { builtWebApp } from '../../support/web-build';

const ROLE_MAP = 'ai-gov-admins=admin,ai-gov-approvers=approver,ai-gov-auditors=auditor';
const SSO_LINK = 'Sign in with single sign-on';
const AUDIENCE = 'https://aigov.test/api';

/**
 * Single sign-on in Chromium against a real OpenID Provider (the oidc-provider package, its own
 * login and consent pages): the web app's sign-in page offers it beside the emailed link; the
 * authorization code flow with PKCE ends signed in with the session cookie, on the page the
 * person wanted, with the role their groups map to. First sign-in creates the person; roles
 * follow the groups at each sign-in; a deactivated person, or one whose groups give no role,
 * is refused with a clear page and nothing is written.
 */
describe('single sign-on in the browser', () => {
  let op: OidcTestProvider;
  let h: Harness;
  let browser: Browser;
  let admin: HarnessUser;

  beforeAll(async () => {
    const webAppDir = await builtWebApp();
    op = await startOidcTestProvider({ audience: AUDIENCE });
    h = await startGovernanceHarness({
      worker: false,
      webAppDir,
      env: { OIDC_ISSUER: op.issuer, OIDC_CLIENT_ID: op.client.id, OIDC_CLIENT_SECRET: op.client.secret, OIDC_ROLE_MAP: ROLE_MAP, OIDC_AUDIENCE: AUDIENCE },
    });
    await op.setRedirectUri(`${h.baseUrl}/auth/oidc/callback`);
    browser = await launchBrowser();
    admin = await h.createUser(['admin']);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
    await op?.stop();
  });

  const unique = (name: string) => `${name}-${randomBytes(3).toString('hex')}`;
  /** Our cookies in the browser (the provider, also on 127.0.0.1, keeps its own: cookies ignore ports). */
  const ourCookies = async (context: BrowserContext) => (await context.cookies(h.baseUrl)).filter((c) => c.name.startsWith('aigov_'));

  /** Every table's rows, single sign-on's own included, to prove a refusal wrote nothing. */
  async function rowCounts(): Promise<Record<string, number>> {
    const [row] = await h.dataSource.query('SELECT count(*)::int AS n FROM oidc_identities');
    return { ...(await h.rowCounts()), oidc_identities: row.n };
  }

  /**
   * From the app's sign-in page through the provider's login and consent pages. Resolves on the
   * first page of ours after the provider (the app, or our error page).
   */
  async function signInAtProvider(page: Page, login: string, returnTo: string): Promise<void> {
    await page.goto(`${h.baseUrl}/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
    await page.getByRole('link', { name: SSO_LINK }).click();
    await page.waitForURL((url) => url.origin === op.issuer);
    await page.getByPlaceholder('Enter any login').fill(login);
    await page.getByPlaceholder('and password').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    // The provider asks for consent the first time a person uses the client.
    await page.waitForURL((url) => url.origin === h.baseUrl || (url.origin === op.issuer && url.pathname.startsWith('/interaction/')));
    if (new URL(page.url()).origin === op.issuer) {
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL((url) => url.origin === h.baseUrl);
    }
  }

  interface SessionAnswer {
    status: number;
    body: { user?: { id: string; email: string; name: string; roles: string[] }; via?: string };
  }

  async function sessionIn(page: Page): Promise<SessionAnswer> {
    return (await page.evaluate(async () => {
      const response = await fetch('/api/v1/auth/session', { headers: { accept: 'application/json' } });
      return { status: response.status, body: (await response.json()) as unknown };
    })) as SessionAnswer;
  }

  async function auditTypes(userId: string): Promise<Array<{ event_type: string; payload: Record<string, unknown> }>> {
    return h.dataSource.query('SELECT event_type, payload FROM audit_events WHERE stream_id = $1 ORDER BY seq', [`user:${userId}`]);
  }

  async function person(login: string, claims: TestAccountClaims): Promise<void> {
    await op.setAccount(login, { email_verified: true, ...claims });
  }

  it('offers single sign-on beside the emailed link on the sign-in page, which passes axe', async () => {
    const { context, page, problems } = await openPage(browser, { width: 1280, height: 800 });
    try {
      await page.goto(`${h.baseUrl}/sign-in?returnTo=%2Finbox`);
      const link = page.getByRole('link', { name: SSO_LINK });
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe('/auth/oidc/start?returnTo=%2Finbox');
      await page.getByLabel('Work email').waitFor();
      await page.getByRole('button', { name: 'Email me a sign-in link' }).waitFor();
      await expectAccessible(page, 'the sign-in page with single sign-on');
      await screenshot(page, 'sign-in-single-sign-on');
      // The app asks for the session first; its 401 (nobody signed in yet) is expected.
      expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('creates the person at their first sign-in, with the role their groups map to, and returns to the page they wanted', async () => {
    const login = unique('ann');
    const email = `${login}@aigov.test`;
    await person(login, { email, name: 'Ann Example', groups: ['ai-gov-approvers', 'staff'] });
    const { context, page } = await openPage(browser, { width: 1280, height: 800 });
    try {
      await signInAtProvider(page, login, '/inbox');
      await page.getByRole('heading', { name: 'Inbox' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/inbox');
      const session = await sessionIn(page);
      expect(session).toMatchObject({ status: 200, body: { via: 'session', user: { email, name: 'Ann Example', roles: ['approver'] } } });
      const userId = session.body.user!.id;

      expect(await h.dataSource.query('SELECT email, name, roles, active FROM users WHERE id = $1', [userId])).toEqual([{ email, name: 'Ann Example', roles: ['approver'], active: true }]);
      expect(await h.dataSource.query('SELECT issuer, subject FROM oidc_identities WHERE user_id = $1', [userId])).toEqual([{ issuer: op.issuer, subject: login }]);
      expect(await h.dataSource.query('SELECT method, sign_in_link_id, ended_at FROM sessions WHERE user_id = $1', [userId])).toEqual([
        { method: 'oidc', sign_in_link_id: null, ended_at: null },
      ]);
      const events = await auditTypes(userId);
      expect(events.map((e) => e.event_type)).toEqual(['user.created', 'user.sso_linked', 'user.signed_in']);
      expect(events[0].payload).toMatchObject({ email, roles: ['approver'], via: 'oidc', issuer: op.issuer, subject: login });
      expect(events[2].payload).toMatchObject({ method: 'oidc' });
      // The cookie is the one an emailed link gives: HttpOnly, for the whole site; the attempt's cookie is gone.
      const cookies = await ourCookies(context);
      expect(cookies.map((c) => c.name).sort()).toEqual(['aigov_session']);
      expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      await expectAccessible(page, 'the inbox after single sign-on');
    } finally {
      await context.close();
    }
  });

  it("refreshes the person's roles from their groups at every sign-in", async () => {
    const login = unique('ben');
    const email = `${login}@aigov.test`;
    await person(login, { email, name: 'Ben', groups: ['ai-gov-approvers'] });
    const first = await openPage(browser, { width: 1280, height: 800 });
    await signInAtProvider(first.page, login, '/');
    const userId = (await sessionIn(first.page)).body.user!.id;
    await first.context.close();

    await person(login, { email, name: 'Ben', groups: ['ai-gov-admins'] });
    const second = await openPage(browser, { width: 1280, height: 800 });
    try {
      await signInAtProvider(second.page, login, '/');
      expect((await sessionIn(second.page)).body.user).toMatchObject({ id: userId, roles: ['admin'] });
      expect(await h.dataSource.query('SELECT roles FROM users WHERE email = $1', [email])).toEqual([{ roles: ['admin'] }]);
      const updated = (await auditTypes(userId)).filter((e) => e.event_type === 'user.updated');
      expect(updated.map((e) => e.payload)).toEqual([{ roles: ['admin'], previousRoles: ['approver'], source: 'oidc_groups', issuer: op.issuer }]);
    } finally {
      await second.context.close();
    }
  });

  it("signs out at the identity provider too, so the next single sign-on asks for the login again (on a phone's screen)", async () => {
    const login = unique('ida');
    const email = `${login}@aigov.test`;
    await person(login, { email, name: 'Ida', groups: ['ai-gov-approvers'] });
    const discovery = (await (await fetch(`${op.issuer}/.well-known/openid-configuration`)).json()) as { end_session_endpoint: string };
    const { context, page } = await openPage(browser, { width: 390, height: 844 });
    try {
      await signInAtProvider(page, login, '/inbox');
      await page.getByRole('heading', { name: 'Inbox' }).waitFor();
      // While the provider's session lives, single sign-on goes straight back in: what signing out must end.
      await page.goto(`${h.baseUrl}/auth/oidc/start?returnTo=%2Finbox`);
      await page.waitForURL((url) => url.origin === h.baseUrl && url.pathname === '/inbox');
      await page.getByRole('heading', { name: 'Inbox' }).waitFor();
      const live = await h.dataSource.query(
        'SELECT s.id, s.id_token_hint FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1 AND s.ended_at IS NULL',
        [email],
      );
      expect(live).toHaveLength(1);
      const hint: string = live[0].id_token_hint;
      const hinted = JSON.parse(Buffer.from(hint.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
      expect(hinted).toMatchObject({ iss: op.issuer, sub: login, aud: op.client.id });

      // The app follows the answer's providerSignOutUrl at once: the browser's first request to the provider is it.
      const answer = page.waitForResponse((r) => r.url() === `${h.baseUrl}/api/v1/auth/sign-out`);
      const toProvider = page.waitForRequest((r) => r.url().startsWith(op.issuer));
      await page.getByRole('button', { name: 'Sign out' }).click();
      expect((await answer).status()).toBe(200);
      const to = new URL((await toProvider).url());
      expect(`${to.origin}${to.pathname}`).toBe(discovery.end_session_endpoint);
      expect(Object.fromEntries(to.searchParams)).toEqual({
        post_logout_redirect_uri: `${h.baseUrl}/sign-in?signedOut=1`,
        id_token_hint: hint,
        client_id: op.client.id,
      });
      // Ours ended at once, whatever the provider does next, and the ID token is forgotten.
      expect(await h.dataSource.query('SELECT ended_reason, id_token_hint FROM sessions WHERE id = $1', [live[0].id])).toEqual([
        { ended_reason: 'signed_out', id_token_hint: null },
      ]);

      await page.waitForURL((url) => url.origin === op.issuer);
      await page.getByRole('button', { name: 'Yes, sign me out' }).click();
      await page.waitForURL((url) => url.origin === h.baseUrl && url.pathname === '/sign-in');
      await page.getByText('You are signed out.').waitFor();
      await expectAccessible(page, 'the sign-in page after signing out at the provider, on a phone');
      await screenshot(page, 'signed-out-at-provider-phone');
      await page.getByRole('link', { name: SSO_LINK }).click();
      await page.waitForURL((url) => url.origin === op.issuer);
      await page.getByPlaceholder('Enter any login').waitFor();
      expect(await ourCookies(context)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("finds a signed-in person's API tokens by their subject, and refuses another subject carrying their email", async () => {
    const login = unique('hal');
    const email = `${login}@aigov.test`;
    await person(login, { email, name: 'Hal', groups: ['ai-gov-auditors'] });
    const { context, page } = await openPage(browser, { width: 1280, height: 800 });
    let userId: string;
    try {
      await signInAtProvider(page, login, '/');
      userId = (await sessionIn(page)).body.user!.id;
    } finally {
      await context.close();
    }
    const now = Math.floor(Date.now() / 1000);
    const token = (claims: Record<string, unknown>) =>
      signRs256({ kid: op.signingKey.kid }, { iss: op.issuer, aud: AUDIENCE, iat: now, exp: now + 300, ...claims }, op.signingKey.privateKey);
    // No email in the token: the subject alone names the person it was linked to at sign-in.
    const bySubject = await h.api('GET', '/api/v1/auth/session', { token: token({ sub: login, groups: ['ai-gov-auditors'] }) });
    expect({ status: bySubject.status, id: bySubject.body.user?.id, roles: bySubject.body.user?.roles }).toEqual({ status: 200, id: userId, roles: ['auditor'] });
    const impostor = await h.api('GET', '/api/v1/auth/session', { token: token({ sub: `${login}-twin`, email, email_verified: true, groups: ['ai-gov-admins'] }) });
    expect({ status: impostor.status, message: impostor.body.message }).toEqual({
      status: 403,
      message: 'this email address already belongs to a person here who signs in with another single sign-on account',
    });
  });

  it('links a person an admin created by their verified email instead of creating another, and never leaves this site after sign-in', async () => {
    const login = unique('dora');
    const existing = await h.createUser(['product_owner'], { email: `${login}@aigov.test`, name: 'Dora' });
    await person(login, { email: existing.user.email, name: 'Dora D.', groups: ['ai-gov-auditors'] });
    const { context, page } = await openPage(browser, { width: 1280, height: 800 });
    try {
      await signInAtProvider(page, login, '//evil.example/phish');
      expect(new URL(page.url()).origin).toBe(h.baseUrl);
      expect(new URL(page.url()).pathname).not.toContain('evil');
      expect((await sessionIn(page)).body.user).toMatchObject({ id: existing.user.id, roles: ['auditor'] });
      expect(await h.dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [existing.user.email])).toEqual([{ n: 1 }]);
    } finally {
      await context.close();
    }
  });

  async function expectRefused(login: string, message: string | RegExp): Promise<void> {
    const before = await rowCounts();
    const { context, page } = await openPage(browser, { width: 1280, height: 800 });
    try {
      const callback = page.waitForResponse((r) => r.url().startsWith(`${h.baseUrl}/auth/oidc/callback`));
      await signInAtProvider(page, login, '/inbox');
      expect((await callback).status()).toBe(403);
      await page.getByRole('heading', { name: 'Cannot sign in with single sign-on' }).waitFor();
      expect(await page.locator('main p').first().textContent()).toMatch(message);
      await expectAccessible(page, 'the single sign-on refusal page');
      expect((await ourCookies(context)).map((c) => c.name)).toEqual([]);
      expect(await rowCounts()).toEqual(before);
    } finally {
      await context.close();
    }
  }

  it('refuses a person whose groups map to no role, with a clear message, writing nothing', async () => {
    const login = unique('eve');
    await person(login, { email: `${login}@aigov.test`, name: 'Eve', groups: ['staff', 'everyone'] });
    await expectRefused(login, /^your groups at the identity provider \(claim 'groups'\) give no role in AI Governance/);
    expect(await h.dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [`${login}@aigov.test`])).toEqual([{ n: 0 }]);
  });

  it('refuses a deactivated person although the provider signs them in, writing nothing', async () => {
    const login = unique('finn');
    const leaver = await h.createUser(['approver'], { email: `${login}@aigov.test` });
    expect((await h.api('PATCH', `/api/v1/users/${leaver.user.id}`, { token: admin.token, body: { active: false } })).status).toBe(200);
    await person(login, { email: leaver.user.email, groups: ['ai-gov-approvers'] });
    await expectRefused(login, 'this user is deactivated');
  });

  it('refuses an email the provider has not verified', async () => {
    const login = unique('gus');
    await op.setAccount(login, { email: `${login}@aigov.test`, email_verified: false, groups: ['ai-gov-admins'] });
    await expectRefused(login, 'the identity provider has not verified your email address, so it cannot name you here');
  });

  describe("checks the provider's answer against this browser's attempt", () => {
    const json = { accept: 'application/json' };

    it('starts the authorization code flow with PKCE (S256), state and nonce, keeping them in a sealed cookie', async () => {
      const response = await fetch(`${h.baseUrl}/auth/oidc/start?returnTo=%2Finbox`, { redirect: 'manual' });
      expect(response.status).toBe(303);
      const location = new URL(response.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe(`${op.issuer}/auth`);
      expect(Object.fromEntries([...location.searchParams].filter(([k]) => !['state', 'nonce', 'code_challenge'].includes(k)))).toEqual({
        client_id: op.client.id,
        redirect_uri: `${h.baseUrl}/auth/oidc/callback`,
        response_type: 'code',
        scope: 'openid email profile',
        code_challenge_method: 'S256',
      });
      for (const name of ['state', 'nonce', 'code_challenge']) expect(location.searchParams.get(name)).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      const cookie = response.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^aigov_oidc=[A-Za-z0-9_-]+; Path=\/auth\/oidc; Max-Age=600; HttpOnly; SameSite=Lax$/);
      expect(cookie).not.toContain(location.searchParams.get('state')!);
    });

    it('refuses a callback without the attempt cookie (400) or with another state (401), writing nothing', async () => {
      const before = await rowCounts();
      const noCookie = await fetch(`${h.baseUrl}/auth/oidc/callback?code=abc&state=xyz`, { headers: json, redirect: 'manual' });
      expect({ status: noCookie.status, body: await noCookie.json() }).toEqual({
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: 'this single sign-on attempt is unknown or has expired; start again from the sign-in page' },
      });
      const started = await fetch(`${h.baseUrl}/auth/oidc/start`, { redirect: 'manual' });
      const attempt = started.headers.get('set-cookie')!.split(';')[0];
      const forged = await fetch(`${h.baseUrl}/auth/oidc/callback?code=abc&state=not-the-state&iss=${encodeURIComponent(op.issuer)}`, {
        headers: { ...json, cookie: attempt },
        redirect: 'manual',
      });
      expect(forged.status).toBe(401);
      expect(((await forged.json()) as { message: string }).message).toMatch(/^the identity provider did not confirm the sign-in/);
      expect(forged.headers.get('set-cookie')).toMatch(/^aigov_oidc=; Path=\/auth\/oidc; Max-Age=0/);
      expect(await rowCounts()).toEqual(before);
    });

    it('says so when single sign-on is refused at the provider (error in the callback)', async () => {
      const started = await fetch(`${h.baseUrl}/auth/oidc/start`, { redirect: 'manual' });
      const attempt = started.headers.get('set-cookie')!.split(';')[0];
      const refused = await fetch(`${h.baseUrl}/auth/oidc/callback?error=access_denied&error_description=denied+by+policy`, { headers: { cookie: attempt } });
      expect(refused.status).toBe(401);
      expect(await refused.text()).toContain('the identity provider did not sign you in (access_denied: denied by policy)');
    });
  });
});
