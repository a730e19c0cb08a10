import { createHash, randomUUID } from 'node:crypto';
import { AdjustableClock } from '../../support/adjustable-clock';
import { ApiResponse, Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';

const DAY = 24 * 3600_000;
const MINUTE = 60_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Personal API tokens on the real stack (PostgreSQL, API; no worker needed): expiry, revocation,
 * rotation with its overlap, the last-used time written at most once a minute, who may manage
 * whose tokens, and deactivation. The API's clock is moved forward (never by more than a few
 * days in all, so the first admin's 90-day token outlives the file). Rotation overlap: 1 hour.
 */
describe('personal API tokens', () => {
  let h: Harness;
  const clock = new AdjustableClock();

  beforeAll(async () => {
    h = await startGovernanceHarness({ worker: false, clock, env: { API_TOKEN_ROTATION_OVERLAP_HOURS: '1' } });
  });
  afterAll(async () => h?.stop());

  const me = (token: string) => h.api('GET', '/api/v1/users/me', { token });
  const issue = (by: string, userId: string, body: unknown) => h.api('POST', `/api/v1/users/${userId}/tokens`, { token: by, body });
  const tokenRow = async (id: string) => (await h.dataSource.query('SELECT * FROM api_tokens WHERE id = $1', [id]))[0];
  const lastEvent = async (userId: string) =>
    (await h.dataSource.query('SELECT event_type, actor_id, payload FROM audit_events WHERE stream_id = $1 ORDER BY seq DESC LIMIT 1', [`user:${userId}`]))[0];

  async function refusedWithoutWriting(request: () => Promise<ApiResponse>, status: number, field?: string): Promise<ApiResponse> {
    const before = await h.rowCounts();
    const response = await request();
    expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { statusCode: status, ...(field ? { field } : {}) } });
    expect(await h.rowCounts()).toEqual(before);
    return response;
  }

  it('issues a named token whose secret is shown once and stored only as its SHA-256, with the default 90-day expiry', async () => {
    const person = await h.createUser(['approver']);
    const issued = await issue(person.token, person.user.id, { name: '  CI pipeline  ' });
    expect(issued.status).toBe(201);
    const { secret, token } = issued.body;
    expect(secret).toMatch(/^aigov_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ userId: person.user.id, name: 'CI pipeline', status: 'active', prefix: secret.slice(0, 10), lastUsedAt: null, revokedAt: null });
    expect(Date.parse(token.expiresAt) - Date.parse(token.createdAt)).toBe(90 * DAY);
    expect((await me(secret)).status).toBe(200);

    const row = await tokenRow(token.id);
    expect(row.token_hash).toBe(sha256(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(10));
    const event = await lastEvent(person.user.id);
    expect(event).toMatchObject({ event_type: 'api_token.issued', actor_id: person.user.id, payload: { tokenId: token.id, name: 'CI pipeline' } });
    expect(JSON.stringify(event)).not.toContain(secret.slice(10));

    // The account's first token (POST /users) expires after the default too, and is listed.
    const list = await h.api('GET', `/api/v1/users/${person.user.id}/tokens`, { token: person.token });
    expect(list.status).toBe(200);
    expect(list.body.map((t: { name: string }) => t.name)).toEqual(['CI pipeline', 'initial token']);
    const initial = list.body[1];
    expect(Date.parse(initial.expiresAt) - Date.parse(initial.createdAt)).toBe(90 * DAY);
    expect(JSON.stringify(list.body)).not.toMatch(/token_?hash|aigov_[A-Za-z0-9_-]{43}/i);
  });

  it('refuses an expired token with 401 and says so; a life beyond the maximum is a 400 that writes nothing', async () => {
    const person = await h.createUser(['auditor']);
    const short = await issue(person.token, person.user.id, { name: 'one day', expiresInDays: 1 });
    expect(short.status).toBe(201);
    expect((await me(short.body.secret)).status).toBe(200);
    clock.advance(DAY + 1000);
    const refused = await me(short.body.secret);
    expect(refused).toMatchObject({ status: 401, body: { statusCode: 401, message: expect.stringContaining('expired') } });
    expect((await h.api('GET', `/api/v1/users/${person.user.id}/tokens`, { token: person.token })).body[0]).toMatchObject({ name: 'one day', status: 'expired' });

    await refusedWithoutWriting(() => issue(person.token, person.user.id, { name: 'forever', expiresInDays: 366 }), 400, 'expiresInDays');
    const tooLate = new Date(clock.now().getTime() + 400 * DAY).toISOString();
    await refusedWithoutWriting(() => issue(person.token, person.user.id, { name: 'forever', expiresAt: tooLate }), 400, 'expiresAt');
    await refusedWithoutWriting(() => issue(person.token, person.user.id, { name: 'past', expiresAt: '2020-01-01T00:00:00Z' }), 400, 'expiresAt');
    await refusedWithoutWriting(() => issue(person.token, person.user.id, { name: '' }), 400, 'name');
    await refusedWithoutWriting(() => issue(person.token, person.user.id, { name: 'x', secret: 'mine' }), 400, 'secret');
    const at = new Date(clock.now().getTime() + 10 * DAY).toISOString();
    const dated = await issue(person.token, person.user.id, { name: 'ten days', expiresAt: at });
    expect(dated).toMatchObject({ status: 201, body: { token: { expiresAt: at } } });
  });

  it('refuses a revoked token with 401 from the next request on', async () => {
    const person = await h.createUser(['risk_officer']);
    const issued = await issue(person.token, person.user.id, { name: 'laptop' });
    expect((await me(issued.body.secret)).status).toBe(200);
    const revoked = await h.api('DELETE', `/api/v1/tokens/${issued.body.token.id}`, { token: person.token });
    expect(revoked).toMatchObject({ status: 200, body: { id: issued.body.token.id, status: 'revoked', revokedReason: 'revoked' } });
    expect(await me(issued.body.secret)).toMatchObject({ status: 401, body: { message: expect.stringContaining('revoked') } });
    expect(await lastEvent(person.user.id)).toMatchObject({ event_type: 'api_token.revoked', payload: { tokenId: issued.body.token.id } });
    // revoking again changes nothing
    const before = await h.rowCounts();
    expect(await h.api('DELETE', `/api/v1/tokens/${issued.body.token.id}`, { token: person.token })).toMatchObject({ status: 200, body: { status: 'revoked' } });
    expect(await h.rowCounts()).toEqual(before);
    await refusedWithoutWriting(() => h.api('DELETE', `/api/v1/tokens/${randomUUID()}`, { token: person.token }), 404, 'id');
    await refusedWithoutWriting(() => h.api('DELETE', '/api/v1/tokens/not-a-uuid', { token: person.token }), 400, 'id');
  });

  it('rotates: the old token works during the overlap, not after it is revoked, and not after the overlap ends', async () => {
    const person = await h.createUser(['security_officer']);
    const first = await issue(person.token, person.user.id, { name: 'deploy bot', expiresInDays: 30 });
    const rotated = await h.api('POST', `/api/v1/tokens/${first.body.token.id}/rotate`, { token: first.body.secret });
    expect(rotated.status).toBe(201);
    expect(rotated.body.token).toMatchObject({ name: 'deploy bot', status: 'active', rotatedFromId: first.body.token.id });
    expect(rotated.body.secret).not.toBe(first.body.secret);
    // the old one now ends an hour from now (the overlap), not in 30 days
    expect(Date.parse(rotated.body.previous.expiresAt) - clock.now().getTime()).toBeLessThanOrEqual(3600_000);
    expect(Date.parse(rotated.body.previous.expiresAt) - clock.now().getTime()).toBeGreaterThan(3500_000);
    expect(await lastEvent(person.user.id)).toMatchObject({ event_type: 'api_token.rotated', payload: { tokenId: rotated.body.token.id, previousTokenId: first.body.token.id } });
    expect((await me(first.body.secret)).status).toBe(200);
    expect((await me(rotated.body.secret)).status).toBe(200);
    // a token is rotated once
    await refusedWithoutWriting(() => h.api('POST', `/api/v1/tokens/${first.body.token.id}/rotate`, { token: person.token, body: {} }), 409, 'id');

    // switched over: revoke the old one; it stops, the new one goes on
    expect((await h.api('DELETE', `/api/v1/tokens/${first.body.token.id}`, { token: rotated.body.secret })).status).toBe(200);
    expect((await me(first.body.secret)).status).toBe(401);
    expect((await me(rotated.body.secret)).status).toBe(200);
    await refusedWithoutWriting(() => h.api('POST', `/api/v1/tokens/${first.body.token.id}/rotate`, { token: person.token }), 409, 'id');

    // never revoked: the old one ends with the overlap
    const again = await h.api('POST', `/api/v1/tokens/${rotated.body.token.id}/rotate`, { token: person.token, body: { expiresInDays: 7 } });
    expect(again.status).toBe(201);
    expect(Date.parse(again.body.token.expiresAt) - clock.now().getTime()).toBeGreaterThan(7 * DAY - MINUTE);
    clock.advance(3600_000 + 1000);
    expect(await me(rotated.body.secret)).toMatchObject({ status: 401, body: { message: expect.stringContaining('expired') } });
    expect((await me(again.body.secret)).status).toBe(200);
  });

  it('records the last use at most once a minute per token', async () => {
    const person = await h.createUser(['governance_office']);
    const issued = await issue(person.token, person.user.id, { name: 'busy script' });
    expect((await tokenRow(issued.body.token.id)).last_used_at).toBeNull();
    expect((await me(issued.body.secret)).status).toBe(200);
    const first: Date = (await tokenRow(issued.body.token.id)).last_used_at;
    expect(first).toBeInstanceOf(Date);
    expect(Math.abs(first.getTime() - clock.now().getTime())).toBeLessThan(5000);
    for (let i = 0; i < 5; i++) expect((await me(issued.body.secret)).status).toBe(200);
    clock.advance(30_000);
    expect((await me(issued.body.secret)).status).toBe(200);
    expect((await tokenRow(issued.body.token.id)).last_used_at).toEqual(first);
    clock.advance(31_000);
    expect((await me(issued.body.secret)).status).toBe(200);
    const second: Date = (await tokenRow(issued.body.token.id)).last_used_at;
    expect(second.getTime()).toBeGreaterThanOrEqual(first.getTime() + 60_000);
    const listed = await h.api('GET', `/api/v1/users/${person.user.id}/tokens`, { token: person.token });
    expect(listed.body.find((t: { id: string }) => t.id === issued.body.token.id).lastUsedAt).toBe(second.toISOString());
  });

  it('lets a person manage only their own tokens, and an admin anyone’s', async () => {
    const owner = await h.createUser(['product_owner']);
    const other = await h.createUser(['governance_office']);
    const issued = await issue(owner.token, owner.user.id, { name: 'mine' });
    await refusedWithoutWriting(() => h.api('GET', `/api/v1/users/${owner.user.id}/tokens`, { token: other.token }), 403, 'id');
    await refusedWithoutWriting(() => issue(other.token, owner.user.id, { name: 'for you' }), 403, 'id');
    await refusedWithoutWriting(() => h.api('POST', `/api/v1/tokens/${issued.body.token.id}/rotate`, { token: other.token }), 403, 'id');
    await refusedWithoutWriting(() => h.api('DELETE', `/api/v1/tokens/${issued.body.token.id}`, { token: other.token }), 403, 'id');
    await refusedWithoutWriting(() => issue(other.token, randomUUID(), { name: 'nobody' }), 403, 'id');
    expect((await me(issued.body.secret)).status).toBe(200);

    expect((await h.api('GET', `/api/v1/users/${owner.user.id}/tokens`, { token: h.admin.token })).status).toBe(200);
    await refusedWithoutWriting(() => issue(h.admin.token, randomUUID(), { name: 'nobody' }), 404, 'id');
    const byAdmin = await issue(h.admin.token, owner.user.id, { name: 'issued by an admin' });
    expect(byAdmin.status).toBe(201);
    expect(await lastEvent(owner.user.id)).toMatchObject({ event_type: 'api_token.issued', actor_id: h.admin.user.id });
    expect((await h.api('DELETE', `/api/v1/tokens/${issued.body.token.id}`, { token: h.admin.token })).status).toBe(200);
    expect((await me(issued.body.secret)).status).toBe(401);
    // the bootstrap token manages nobody's tokens
    await refusedWithoutWriting(() => issue(h.config.adminToken, owner.user.id, { name: 'bootstrap' }), 403);
  });

  it('deactivation ends the person’s sessions and tokens at once, and reactivation brings neither back', async () => {
    const person = await h.createUser(['approver']);
    const script = await issue(person.token, person.user.id, { name: 'nightly' });
    const cookie = await signIn(person);
    expect((await h.api('GET', '/api/v1/users/me', { headers: { cookie: `aigov_session=${cookie}` } })).status).toBe(200);
    expect((await h.api('PATCH', `/api/v1/users/${person.user.id}`, { token: h.admin.token, body: { active: false } })).status).toBe(200);
    expect((await me(person.token)).status).toBe(403);
    expect((await me(script.body.secret)).status).toBe(403);
    expect((await h.api('GET', '/api/v1/users/me', { headers: { cookie: `aigov_session=${cookie}` } })).status).toBe(401);

    expect((await h.api('PATCH', `/api/v1/users/${person.user.id}`, { token: h.admin.token, body: { active: true } })).status).toBe(200);
    for (const token of [person.token, script.body.secret]) expect(await me(token)).toMatchObject({ status: 401, body: { message: expect.stringContaining('revoked') } });
    expect((await h.api('GET', '/api/v1/users/me', { headers: { cookie: `aigov_session=${cookie}` } })).status).toBe(401);
    const listed = await h.api('GET', `/api/v1/users/${person.user.id}/tokens`, { token: h.admin.token });
    expect(listed.body.map((t: { status: string; revokedReason: string }) => [t.status, t.revokedReason])).toEqual([
      ['revoked', 'deactivated'],
      ['revoked', 'deactivated'],
    ]);
  });

  /** A browser session for `user`, from an emailed link (the cookie's value). */
  async function signIn(user: HarnessUser): Promise<string> {
    const before = h.mail.messages().filter((m) => m.to.includes(user.user.email)).length;
    expect((await h.api('POST', '/api/v1/auth/sign-in-links', { body: { email: user.user.email } })).status).toBe(202);
    const deadline = Date.now() + 10_000;
    while (h.mail.messages().filter((m) => m.to.includes(user.user.email)).length <= before) {
      if (Date.now() > deadline) throw new Error('no sign-in mail');
      await new Promise((r) => setTimeout(r, 50));
    }
    const link = h.mail.messages().filter((m) => m.to.includes(user.user.email)).at(-1)!.text.match(/https?:\/\/\S+\/auth\/sign-in\/\S+/)![0];
    const response = await fetch(link, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: '' });
    expect(response.status).toBe(303);
    return /aigov_session=([A-Za-z0-9_-]{43})/.exec(response.headers.getSetCookie()[0])![1];
  }
});
