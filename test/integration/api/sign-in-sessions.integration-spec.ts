import { createHash } from 'node:crypto';
import type { CapturedMail } from '@aigov/notifications/mail-capture.server';
import { AdjustableClock } from '../../support/adjustable-clock';
import { ApiResponse, Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';

const MINUTE = 60_000;
const ACCEPTED = { message: 'If this address belongs to an active account, a sign-in link is on its way.' };
/** What the browser keeps: the session cookie, as its Set-Cookie header names it. */
const SESSION_SET_COOKIE = /^aigov_session=([A-Za-z0-9_-]{43}); Path=\/; Max-Age=3600; HttpOnly; SameSite=Lax$/;
const CLEARED_COOKIE = 'aigov_session=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax';

interface Browser {
  /** the aigov_session cookie's value */
  cookie: string;
  csrfToken: string;
}

/**
 * Signing in to the web application on the real stack (PostgreSQL, SMTP capture, API; no worker
 * needed): the emailed link, the session cookie, CSRF on cookie-authenticated writes, idle and
 * absolute expiry (the API's clock is moved forward), sign-out and deactivation. Sessions live
 * 30 minutes idle (the default) and at most 1 hour here (SESSION_ABSOLUTE_HOURS=1).
 */
describe('signing in with an emailed link', () => {
  let h: Harness;
  const clock = new AdjustableClock();

  beforeAll(async () => {
    h = await startGovernanceHarness({ worker: false, clock, env: { SESSION_ABSOLUTE_HOURS: '1' } });
  });
  afterAll(async () => h?.stop());

  const mailsTo = (email: string): CapturedMail[] => h.mail.messages().filter((m) => m.to.includes(email.toLowerCase()));

  /** Asks for a link and returns it from the mail that arrives (the next one for this address). */
  async function emailedLink(email: string, returnTo?: string): Promise<string> {
    const before = mailsTo(email).length;
    const asked = await h.api('POST', '/api/v1/auth/sign-in-links', { body: { email, ...(returnTo !== undefined ? { returnTo } : {}) } });
    expect({ status: asked.status, body: asked.body }).toEqual({ status: 202, body: ACCEPTED });
    const mail = await waitForNth(email, before + 1);
    const match = mail.text.match(/https?:\/\/\S+\/auth\/sign-in\/\S+/);
    if (!match) throw new Error(`no sign-in link in:\n${mail.text}`);
    return match[0];
  }

  async function waitForNth(email: string, n: number): Promise<CapturedMail> {
    const deadline = Date.now() + 10_000;
    while (mailsTo(email).length < n) {
      if (Date.now() > deadline) throw new Error(`mail ${n} to ${email} did not arrive`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return mailsTo(email)[n - 1];
  }

  /** The confirmation form's POST, as a browser sends it from the page. */
  function confirm(link: string, cookie?: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(link, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...(cookie ? { cookie: `aigov_session=${cookie}` } : {}), ...headers },
      body: '',
    });
  }

  function sessionCookieOf(response: Response): string {
    const setCookie = response.headers.getSetCookie();
    expect(setCookie).toHaveLength(1);
    const match = SESSION_SET_COOKIE.exec(setCookie[0]);
    if (!match) throw new Error(`unexpected Set-Cookie: ${setCookie[0]}`);
    return match[1];
  }

  /** A request from a signed-in browser: the cookie, and the CSRF header when given. */
  function asBrowser(method: string, path: string, cookie: string, opts: { csrf?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResponse> {
    return h.api(method, path, { body: opts.body, headers: { cookie: `aigov_session=${cookie}`, ...(opts.csrf ? { 'x-csrf-token': opts.csrf } : {}), ...opts.headers } });
  }

  async function signIn(user: HarnessUser, previousCookie?: string): Promise<Browser> {
    const response = await confirm(await emailedLink(user.user.email), previousCookie);
    expect(response.status).toBe(303);
    const cookie = sessionCookieOf(response);
    const session = await asBrowser('GET', '/api/v1/auth/session', cookie);
    expect(session.status).toBe(200);
    return { cookie, csrfToken: session.body.csrfToken };
  }

  async function sessionRow(cookie: string) {
    const hash = createHash('sha256').update(cookie).digest('hex');
    const [row] = await h.dataSource.query('SELECT * FROM sessions WHERE token_hash = $1', [hash]);
    return row;
  }

  /** The token with its last character changed (to one it is not: 'A' alone would leave 1 token in 64 unchanged). */
  function alteredLastCharacter(token: string): string {
    return `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
  }

  /** Asserts the refusal, its error shape and field, and that no counted table changed. */
  async function refusedWithoutWriting(request: () => Promise<ApiResponse>, status: number, field?: string): Promise<ApiResponse> {
    const before = await h.rowCounts();
    const response = await request();
    expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { statusCode: status, ...(field ? { field } : {}) } });
    expect(await h.rowCounts()).toEqual(before);
    return response;
  }

  it('signs in from the emailed link: opening it changes nothing, the POST sets the session cookie and goes to returnTo', async () => {
    const owner = await h.createUser(['product_owner']);
    const link = await emailedLink(owner.user.email.toUpperCase(), '/systems/new');
    expect(link.startsWith(`${h.config.publicBaseUrl}/auth/sign-in/`)).toBe(true);
    expect(new URL(link).searchParams.get('returnTo')).toBe('/systems/new');
    const token = new URL(link).pathname.split('/').pop()!;
    // Only the hash of the link's secret is stored.
    const [stored] = await h.dataSource.query('SELECT id, token_hash, used_at, expires_at, created_at FROM sign_in_links WHERE user_id = $1', [owner.user.id]);
    expect(token.startsWith(`${stored.id}.`)).toBe(true);
    expect(stored.token_hash).toBe(createHash('sha256').update(token.split('.')[1]).digest('hex'));
    expect(new Date(stored.expires_at).getTime() - new Date(stored.created_at).getTime()).toBe(15 * MINUTE);

    // Mail scanners open links: GET and HEAD show the page and write nothing.
    const before = await h.rowCounts();
    for (const method of ['GET', 'GET', 'HEAD']) {
      const page = await fetch(link, { method });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('cache-control')).toBe('no-store');
      if (method === 'GET') {
        const html = await page.text();
        expect(html).toContain(`Sign in as ${owner.user.email}</button>`);
        expect(html).not.toMatch(/<style|<script|\sstyle=/i);
        const stylesheet = /<link rel="stylesheet" href="([^"]+)">/.exec(html)![1];
        const css = await fetch(`${h.baseUrl}${stylesheet}`);
        expect(css.status).toBe(200);
        expect(css.headers.get('content-type')).toContain('text/css');
        expect(css.headers.get('cache-control')).toContain('immutable');
        expect(await css.text()).toContain('.muted{');
      }
    }
    expect(await h.rowCounts()).toEqual(before);
    expect((await h.dataSource.query('SELECT used_at FROM sign_in_links WHERE id = $1', [stored.id]))[0].used_at).toBeNull();

    const response = await confirm(link);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/systems/new');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const cookie = sessionCookieOf(response);
    const row = await sessionRow(cookie);
    expect(row).toMatchObject({ user_id: owner.user.id, method: 'email_link', sign_in_link_id: stored.id, ended_at: null });
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBe(60 * MINUTE);
    const [event] = await h.dataSource.query(`SELECT event_type, actor_id, payload FROM audit_events WHERE stream_id = $1 ORDER BY seq DESC LIMIT 1`, [`user:${owner.user.id}`]);
    expect(event).toEqual({ event_type: 'user.signed_in', actor_id: owner.user.id, payload: { sessionId: row.id, method: 'email_link' } });

    // The cookie authenticates like the person's token, with the same access rules.
    const session = await asBrowser('GET', '/api/v1/auth/session', cookie);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({
      user: { id: owner.user.id, email: owner.user.email, name: owner.user.name, roles: ['product_owner'] },
      via: 'session',
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(session.body.csrfToken).not.toBe(cookie);
    expect(Date.parse(session.body.expiresAt)).toBe(new Date(row.expires_at).getTime());
    expect(Date.parse(session.body.idleExpiresAt) - new Date(row.last_seen_at).getTime()).toBe(30 * MINUTE);
    expect((await asBrowser('GET', '/api/v1/users/me', cookie)).body).toMatchObject({ id: owner.user.id });
    expect(await asBrowser('GET', '/api/v1/users', cookie)).toMatchObject({ status: 403 });

    // The link worked once: used again, it is refused (JSON for clients, a page for browsers) and starts no session.
    const sessionsBefore = (await h.rowCounts()).sessions;
    const reused = await confirm(link, undefined, { accept: 'application/json' });
    expect(reused.status).toBe(409);
    expect(await reused.json()).toMatchObject({ statusCode: 409, field: 'token', message: expect.stringContaining('already been used') });
    const reusedPage = await confirm(link);
    expect(reusedPage.status).toBe(409);
    expect(reusedPage.headers.get('content-type')).toContain('text/html');
    expect(reusedPage.headers.getSetCookie()).toEqual([]);
    expect(await reusedPage.text()).toContain('already been used');
    expect((await fetch(link)).status).toBe(409);
    expect((await h.rowCounts()).sessions).toBe(sessionsBefore);
  });

  it('refuses a cookie-authenticated write without the CSRF token, and writes nothing; bearer tokens need none', async () => {
    const person = await h.createUser(['approver']);
    const deputy = await h.createUser(['approver']);
    const browser = await signIn(person);
    const away = { delegateId: deputy.user.id };
    const delegateOf = async () => (await h.dataSource.query('SELECT out_of_office_delegate_id AS d FROM users WHERE id = $1', [person.user.id]))[0].d;

    await refusedWithoutWriting(() => asBrowser('PUT', '/api/v1/users/me/out-of-office', browser.cookie, { body: away }), 403, 'X-CSRF-Token');
    await refusedWithoutWriting(() => asBrowser('PUT', '/api/v1/users/me/out-of-office', browser.cookie, { body: away, csrf: alteredLastCharacter(browser.csrfToken) }), 403, 'X-CSRF-Token');
    // Another session's token does not fit this one.
    const other = await signIn(person);
    expect(other.cookie).not.toBe(browser.cookie);
    await refusedWithoutWriting(() => asBrowser('PUT', '/api/v1/users/me/out-of-office', browser.cookie, { body: away, csrf: other.csrfToken }), 403, 'X-CSRF-Token');
    expect(await delegateOf()).toBeNull();

    const changed = await asBrowser('PUT', '/api/v1/users/me/out-of-office', browser.cookie, { body: away, csrf: browser.csrfToken });
    expect(changed).toMatchObject({ status: 200, body: { outOfOfficeDelegateId: deputy.user.id } });
    expect(await delegateOf()).toBe(deputy.user.id);

    // Scripts with a personal token: no CSRF token, and the session endpoint says how they came in.
    const back = await h.api('PUT', '/api/v1/users/me/out-of-office', { token: person.token, body: { delegateId: null } });
    expect(back).toMatchObject({ status: 200, body: { outOfOfficeDelegateId: null } });
    expect((await h.api('GET', '/api/v1/auth/session', { token: person.token })).body).toEqual({
      user: { id: person.user.id, email: person.user.email, name: person.user.name, roles: ['approver'] },
      csrfToken: null,
      expiresAt: null,
      idleExpiresAt: null,
      via: 'token',
    });
    // An Authorization header wins over the cookie: a bad token is refused though the cookie is good.
    expect((await asBrowser('GET', '/api/v1/auth/session', browser.cookie, { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
    // The bootstrap admin token has no session and no person (and is spent: the harness created the first admin).
    expect((await h.api('GET', '/api/v1/auth/session', { token: h.config.adminToken })).status).toBe(403);
    expect((await h.api('GET', '/api/v1/auth/session')).status).toBe(401);
  });

  it('refuses an expired link, on the page and on the POST, and starts no session', async () => {
    const owner = await h.createUser(['product_owner']);
    const link = await emailedLink(owner.user.email);
    clock.advance(15 * MINUTE + 1000);
    const page = await fetch(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('expired');
    const response = await refusedWithoutWriting(
      async () => {
        const r = await confirm(link, undefined, { accept: 'application/json' });
        return { status: r.status, body: await r.json(), headers: r.headers };
      },
      410,
      'token',
    );
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('answers 202 for unknown and deactivated addresses without sending mail, and sends at most 5 links in 15 minutes', async () => {
    const unknown = `nobody-${Date.now()}@example.test`;
    const before = await h.rowCounts();
    expect(await h.api('POST', '/api/v1/auth/sign-in-links', { body: { email: unknown } })).toMatchObject({ status: 202, body: ACCEPTED });
    expect(await h.rowCounts()).toEqual(before);
    const gone = await h.createUser(['auditor']);
    expect((await h.api('PATCH', `/api/v1/users/${gone.user.id}`, { token: h.admin.token, body: { active: false } })).status).toBe(200);
    expect(await h.api('POST', '/api/v1/auth/sign-in-links', { body: { email: gone.user.email } })).toMatchObject({ status: 202, body: ACCEPTED });
    expect(await h.api('POST', '/api/v1/auth/sign-in-links', { body: { email: 'not an address' } })).toMatchObject({ status: 400, body: { field: 'email' } });

    const busy = await h.createUser(['approver']);
    for (let i = 0; i < 5; i++) await emailedLink(busy.user.email);
    expect(await h.api('POST', '/api/v1/auth/sign-in-links', { body: { email: busy.user.email } })).toMatchObject({ status: 202, body: ACCEPTED });
    await new Promise((r) => setTimeout(r, 1000));
    expect(mailsTo(unknown)).toEqual([]);
    expect(mailsTo(gone.user.email)).toEqual([]);
    expect(mailsTo(busy.user.email)).toHaveLength(5);
    expect((await h.dataSource.query('SELECT count(*)::int AS n FROM sign_in_links WHERE user_id = $1', [busy.user.id]))[0].n).toBe(5);
    // Once the window has passed, links are sent again.
    clock.advance(15 * MINUTE + 1000);
    await emailedLink(busy.user.email);
    expect(mailsTo(busy.user.email)).toHaveLength(6);
  });

  it('ends a session after 30 idle minutes (each use moves the limit on) and 1 hour after sign-in however busy', async () => {
    const person = await h.createUser(['governance_office']);
    const sliding = await signIn(person);
    clock.advance(20 * MINUTE);
    expect((await asBrowser('GET', '/api/v1/auth/session', sliding.cookie)).status).toBe(200);
    clock.advance(20 * MINUTE); // 40 minutes after sign-in, 20 after the last use
    expect((await asBrowser('GET', '/api/v1/auth/session', sliding.cookie)).status).toBe(200);

    const idle = await signIn(person);
    clock.advance(30 * MINUTE + 1000);
    const expired = await asBrowser('GET', '/api/v1/auth/session', idle.cookie);
    expect(expired).toMatchObject({ status: 401, body: { message: expect.stringContaining('without activity') } });
    expect(expired.headers.getSetCookie()).toEqual([CLEARED_COOKIE]);
    // dated when it lapsed, 30 minutes after its last use, not when the cookie came back a second later
    const idleRow = await sessionRow(idle.cookie);
    expect(idleRow).toMatchObject({ ended_reason: 'idle' });
    expect(idleRow.ended_at.getTime()).toBe(idleRow.last_seen_at.getTime() + 30 * MINUTE);
    expect((await asBrowser('GET', '/api/v1/auth/session', idle.cookie)).status).toBe(401);

    const busy = await signIn(person);
    for (const minutes of [20, 20, 19]) {
      clock.advance(minutes * MINUTE);
      expect((await asBrowser('GET', '/api/v1/users/me', busy.cookie)).status).toBe(200);
    }
    clock.advance(1 * MINUTE + 1000); // 1 hour and a second after sign-in, a minute after the last use
    expect(await asBrowser('GET', '/api/v1/users/me', busy.cookie)).toMatchObject({ status: 401, body: { message: expect.stringContaining('time limit') } });
    const busyRow = await sessionRow(busy.cookie);
    expect(busyRow).toMatchObject({ ended_reason: 'expired' });
    expect(busyRow.ended_at.getTime()).toBe(busyRow.expires_at.getTime());
  });

  it('signs out: the session ends and the cookie no longer works; a new sign-in in the same browser replaces the old session', async () => {
    const person = await h.createUser(['risk_officer']);
    const first = await signIn(person);
    const second = await signIn(person, first.cookie);
    expect(second.cookie).not.toBe(first.cookie);
    expect(await sessionRow(first.cookie)).toMatchObject({ ended_reason: 'replaced' });
    expect((await asBrowser('GET', '/api/v1/auth/session', first.cookie)).status).toBe(401);

    await refusedWithoutWriting(() => asBrowser('POST', '/api/v1/auth/sign-out', second.cookie), 403, 'X-CSRF-Token');
    const out = await asBrowser('POST', '/api/v1/auth/sign-out', second.cookie, { csrf: second.csrfToken });
    // An emailed-link session: no identity provider session to end as well.
    expect({ status: out.status, body: out.body }).toEqual({ status: 200, body: { providerSignOutUrl: null, providerUnreachable: false } });
    expect(out.headers.getSetCookie()).toEqual([CLEARED_COOKIE]);
    const row = await sessionRow(second.cookie);
    expect(row).toMatchObject({ ended_reason: 'signed_out' });
    const [event] = await h.dataSource.query(`SELECT event_type, payload FROM audit_events WHERE stream_id = $1 ORDER BY seq DESC LIMIT 1`, [`user:${person.user.id}`]);
    expect(event).toEqual({ event_type: 'user.signed_out', payload: { sessionId: row.id } });
    expect(await asBrowser('GET', '/api/v1/auth/session', second.cookie)).toMatchObject({ status: 401, body: { statusCode: 401 } });
    expect((await asBrowser('GET', '/api/v1/users/me', second.cookie)).status).toBe(401);
  });

  it('ends the sessions of a deactivated person, and refuses (403) a session whose person was deactivated behind its back', async () => {
    const person = await h.createUser(['approver']);
    const laptop = await signIn(person);
    const phone = await signIn(person);
    const pending = await emailedLink(person.user.email);
    expect((await h.api('PATCH', `/api/v1/users/${person.user.id}`, { token: h.admin.token, body: { active: false } })).status).toBe(200);
    for (const browser of [laptop, phone]) {
      expect(await sessionRow(browser.cookie)).toMatchObject({ ended_reason: 'deactivated' });
      expect((await asBrowser('GET', '/api/v1/auth/session', browser.cookie)).status).toBe(401);
    }
    // A link mailed before the deactivation signs nobody in.
    const late = await confirm(pending, undefined, { accept: 'application/json' });
    expect(late.status).toBe(403);
    expect(await late.json()).toMatchObject({ field: 'token', message: expect.stringContaining('no longer active') });

    // Deactivated some other way (directly in the database): the session is refused and ended on its next use.
    const other = await h.createUser(['approver']);
    const browser = await signIn(other);
    await h.dataSource.query('UPDATE users SET active = false WHERE id = $1', [other.user.id]);
    const refused = await asBrowser('GET', '/api/v1/users/me', browser.cookie);
    expect(refused).toMatchObject({ status: 403, body: { message: 'this user is deactivated' } });
    expect(refused.headers.getSetCookie()).toEqual([CLEARED_COOKIE]);
    expect(await sessionRow(browser.cookie)).toMatchObject({ ended_reason: 'deactivated' });
  });

  it('sends returnTo only within this site: "//evil.example" and other sites become "/"', async () => {
    const person = await h.createUser(['product_owner']);
    const link = await emailedLink(person.user.email, '//evil.example');
    expect(new URL(link).searchParams.get('returnTo')).toBe('/');
    // An edited link cannot send the browser elsewhere either.
    const edited = new URL(link);
    edited.searchParams.set('returnTo', '//evil.example');
    const response = await confirm(edited.toString());
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');

    const another = new URL(await emailedLink(person.user.email, 'https://evil.example/inbox'));
    expect(another.searchParams.get('returnTo')).toBe('/');
    another.searchParams.set('returnTo', '/\\evil.example');
    expect((await confirm(another.toString())).headers.get('location')).toBe('/');
  });

  it("refuses a sign-in posted from another site's page (login CSRF), leaving the link usable", async () => {
    const person = await h.createUser(['product_owner']);
    const link = await emailedLink(person.user.email, '/inbox');
    const crossSite = await confirm(link, undefined, { 'sec-fetch-site': 'cross-site', accept: 'application/json' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ field: 'Sec-Fetch-Site' });
    const response = await confirm(link);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/inbox');
  });

  it('documents the auth endpoints in the OpenAPI document under the tag auth, and not the pages', async () => {
    const doc = (await h.api('GET', '/api/docs/openapi.json')).body;
    for (const [path, method] of [
      ['/api/v1/auth/sign-in-links', 'post'],
      ['/api/v1/auth/session', 'get'],
      ['/api/v1/auth/sign-out', 'post'],
      ['/api/v1/auth/sign-in-methods', 'get'],
    ]) {
      expect(doc.paths[path][method].tags).toEqual(['auth']);
    }
    expect(doc.paths['/api/v1/auth/sign-in-links'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/SignInLinkRequestDto');
    expect(doc.paths['/api/v1/auth/session'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/SessionView');
    expect(doc.components.schemas.SessionView.required).toEqual(expect.arrayContaining(['user', 'csrfToken', 'expiresAt', 'idleExpiresAt', 'via']));
    expect(doc.paths['/api/v1/auth/sign-out'].post.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/SignedOutView');
    expect(doc.components.schemas.SignedOutView.required).toEqual(expect.arrayContaining(['providerSignOutUrl', 'providerUnreachable']));
    expect(doc.components.securitySchemes.cookie).toEqual({ type: 'apiKey', in: 'cookie', name: 'aigov_session' });
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/auth'))).toEqual([]);
    // Without OIDC_ISSUER the sign-in page offers the emailed link alone, and the single sign-on routes say so.
    expect((await h.api('GET', '/api/v1/auth/sign-in-methods')).body).toEqual({ emailLink: true, singleSignOn: false });
    const start = await h.api('GET', '/auth/oidc/start');
    expect({ status: start.status, message: start.body.message }).toEqual({ status: 404, message: 'single sign-on is not configured on this server; sign in with an emailed link' });
  });
});
