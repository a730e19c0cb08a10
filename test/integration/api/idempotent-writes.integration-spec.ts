import { AdjustableClock } from '../../support/adjustable-clock';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { waitUntil } from '../../support/wait-until';

/**
 * Idempotency-Key on every signed-in write, not only the Temporal-backed ones: the key is bound
 * to the caller and the request (method, path, body); a resend answers the first answer again
 * without writing, another request with the same key is a 422.
 */
describe('Idempotency-Key on every write', () => {
  let h: Harness;
  let admin: HarnessUser;
  let gov: HarnessUser;
  let n = 0;
  // the API's clock, moved past a key's day in the last test
  const clock = new AdjustableClock();

  beforeAll(async () => {
    // The default policy schedules management reviews and internal audits, so they can be triggered.
    h = await startGovernanceHarness({ clock });
    admin = await h.createUser(['admin']);
    gov = await h.createUser(['governance_office']);
  });
  afterAll(async () => h?.stop());

  const send = (method: string, path: string, key: string, body: unknown, token = admin.token) =>
    h.api(method, path, { token, body, headers: { 'idempotency-key': key } });
  const newUser = (roles = ['auditor']) => ({ email: `idem-${Date.now()}-${++n}@example.test`, name: `Idem ${n}`, roles });
  const auditEvents = async (streamId: string, type: string) =>
    (await h.dataSource.query('SELECT count(*)::int AS n FROM audit_events WHERE stream_id = $1 AND event_type = $2', [streamId, type]))[0].n as number;

  it('POST /users resent answers the same user and one-time token (a 409 that lost the token before)', async () => {
    const body = newUser();
    const first = await send('POST', '/api/v1/users', 'create-user-1', body);
    const again = await send('POST', '/api/v1/users', 'create-user-1', { ...body });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect(typeof first.body.token).toBe('string');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const [{ users }] = await h.dataSource.query('SELECT count(*)::int AS users FROM users WHERE email = $1', [body.email]);
    expect(users).toBe(1);
    expect(await auditEvents(`user:${first.body.user.id}`, 'user.created')).toBe(1);
    // The replayed token is the user's working token.
    const me = await h.api('GET', '/api/v1/users/me', { token: again.body.token });
    expect([me.status, me.body.id]).toEqual([200, first.body.user.id]);
    // Kept encrypted: the stored answer does not hold the token in the clear.
    const [row] = await h.dataSource.query(`SELECT response_body, state FROM idempotency_records WHERE idempotency_key = 'create-user-1'`);
    expect(row.state).toBe('completed');
    expect((row.response_body as Buffer).includes(Buffer.from(first.body.token))).toBe(false);
    expect((row.response_body as Buffer).includes(Buffer.from(body.email))).toBe(false);
  });

  it('answers 422 naming the header when a key comes back with another request, and writes nothing', async () => {
    const body = newUser();
    expect((await send('POST', '/api/v1/users', 'create-user-2', body)).status).toBe(201);
    const before = await h.rowCounts();
    const other = await send('POST', '/api/v1/users', 'create-user-2', newUser());
    expect(other.status).toBe(422);
    expect(other.body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'this Idempotency-Key was already used for a different request (method, path or body); use a new key for a new request',
      field: 'Idempotency-Key',
    });
    // another path with the same key is another request too
    expect((await send('PATCH', `/api/v1/users/${gov.user.id}`, 'create-user-2', { name: 'Renamed' })).status).toBe(422);
    expect(await h.rowCounts()).toEqual(before);
    // the same key from another caller is that caller's own
    const otherAdmin = await h.createUser(['admin']);
    expect((await send('POST', '/api/v1/users', 'create-user-2', newUser(), otherAdmin.token)).status).toBe(201);
  });

  it('frees the key of a refused request, so the corrected request runs', async () => {
    const body = newUser();
    const refused = await send('POST', '/api/v1/users', 'create-user-3', { ...body, roles: ['emperor'] });
    expect(refused.status).toBe(400);
    const ok = await send('POST', '/api/v1/users', 'create-user-3', body);
    expect(ok.status).toBe(201);
    expect(ok.headers.get('idempotent-replayed')).toBeNull();
  });

  it('PATCH /users/{id} and out-of-office resent write one audit event each', async () => {
    const target = await h.createUser(['auditor']);
    const patch = { roles: ['auditor', 'risk_officer'] };
    const first = await send('PATCH', `/api/v1/users/${target.user.id}`, 'patch-1', patch);
    const again = await send('PATCH', `/api/v1/users/${target.user.id}`, 'patch-1', patch);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    expect(await auditEvents(`user:${target.user.id}`, 'user.updated')).toBe(1);

    const away = { delegateId: gov.user.id };
    const on = await send('PUT', '/api/v1/users/me/out-of-office', 'away-1', away, target.token);
    const onAgain = await send('PUT', '/api/v1/users/me/out-of-office', 'away-1', away, target.token);
    expect([on.status, onAgain.status]).toEqual([200, 200]);
    expect(onAgain.body.outOfOfficeDelegateId).toBe(gov.user.id);
    expect(await auditEvents(`user:${target.user.id}`, 'user.updated')).toBe(2);
  });

  it('lets one of several concurrent requests with one key run; the others wait their turn (409) or get its answer', async () => {
    const body = newUser();
    const answers = await Promise.all(Array.from({ length: 5 }, () => send('POST', '/api/v1/users', 'create-user-concurrent', body)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body).toMatchObject({ field: 'Idempotency-Key', message: expect.stringContaining('still in progress') });
    const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.user.id));
    expect(ids.size).toBe(1);
    const [{ users }] = await h.dataSource.query('SELECT count(*)::int AS users FROM users WHERE email = $1', [body.email]);
    expect(users).toBe(1);
  });

  it('convenes one management review and opens one internal audit however often the trigger is resent', async () => {
    for (const [path, table, key] of [
      ['/api/v1/management-reviews', 'management_reviews', 'convene-1'],
      ['/api/v1/internal-audits', 'internal_audits', 'open-audit-1'],
    ] as const) {
      const count = async () => (await h.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
      const before = await count();
      const first = await send('POST', path, key, undefined, gov.token);
      expect(first.status).toBe(201);
      // Past the second: Temporal names a triggered run by the second it starts in.
      await new Promise((r) => setTimeout(r, 1_200));
      const again = await send('POST', path, key, undefined, gov.token);
      expect([again.status, again.body]).toEqual([201, first.body]);
      await waitUntil(async () => (await count()) > before, 20_000, `the ${table} row`);
      // Give a second run, had there been one, time to write its row.
      await new Promise((r) => setTimeout(r, 3_000));
      expect(await count()).toBe(before + 1);
    }
  });

  it('forgets a key after a day: the same request then runs again (last: it moves the clock)', async () => {
    const target = await h.createUser(['auditor']);
    const patch = { name: 'Renamed once a day' };
    expect((await send('PATCH', `/api/v1/users/${target.user.id}`, 'daily-1', patch)).status).toBe(200);
    clock.advance(23 * 3600_000);
    expect((await send('PATCH', `/api/v1/users/${target.user.id}`, 'daily-1', patch)).headers.get('idempotent-replayed')).toBe('true');
    expect(await auditEvents(`user:${target.user.id}`, 'user.updated')).toBe(1);
    clock.advance(2 * 3600_000);
    const later = await send('PATCH', `/api/v1/users/${target.user.id}`, 'daily-1', patch);
    expect([later.status, later.headers.get('idempotent-replayed')]).toEqual([200, null]);
    expect(await auditEvents(`user:${target.user.id}`, 'user.updated')).toBe(2);
  });
});
