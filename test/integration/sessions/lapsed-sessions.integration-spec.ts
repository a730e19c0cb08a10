import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SessionsService } from '@aigov/api/sessions/sessions.service';
import { AppConfig, loadAppConfig } from '@aigov/config/app-config';
import { createDataSource } from '@aigov/persistence/data-source.factory';
import { UserEntity } from '@aigov/persistence/entities';
import { endLapsedSessions } from '@aigov/persistence/lapsed-sessions';
import { HourlyRetention } from '@aigov/worker/activities/hourly-retention';
import { startTestDatabase, TestDatabase } from '../../setup/database.setup';
import { FixedClock } from '../../support/adjustable-clock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = new Date('2026-12-02T12:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

interface SessionRow {
  id: string;
  last_seen_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  ended_reason: string | null;
  id_token_hint: string | null;
}

/**
 * The worker's sweep of lapsed browser sessions (endLapsedSessions, run by HourlyRetention): a
 * session past its idle limit (SESSION_IDLE_MINUTES, 30 by default, sliding on last_seen_at) or
 * its absolute one (expires_at) is ended as resolve() would have ended it, dated when it lapsed,
 * its provider ID token forgotten, and kept. Live and already-ended sessions are not touched.
 */
describe('ending lapsed sessions', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let config: AppConfig;
  let userId: string;

  beforeAll(async () => {
    // its own database: the sweep ends every lapsed session in the table
    db = await startTestDatabase();
    ds = await createDataSource(db.url, { poolSize: 4 }).initialize();
    config = loadAppConfig({ DATABASE_URL: db.url, ACTION_LINK_SECRET: 'action-link-secret-of-this-test' });
    expect(config.sessionIdleTtlMs).toBe(30 * MINUTE);
    userId = randomUUID();
    await ds.query(`INSERT INTO users (id, email, name) VALUES ($1, $2, 'Ada')`, [userId, `ada-${userId}@example.test`]);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.stop();
  });
  beforeEach(async () => {
    await ds.query(`DELETE FROM sessions`);
  });

  /** A session last seen `lastSeen` ms from NOW, ending absolutely `expires` ms from NOW; oidc (with an ID token) unless told. */
  async function session(lastSeen: number, expires: number, opts: { ended?: { at: number; reason: string }; hint?: string | null } = {}): Promise<string> {
    const id = randomUUID();
    const hint = opts.hint === undefined ? `id-token-${id}` : opts.hint;
    await ds.query(
      `INSERT INTO sessions (id, user_id, token_hash, method, sign_in_link_id, created_at, last_seen_at, expires_at, ended_at, ended_reason, id_token_hint)
       VALUES ($1, $2, $3, 'oidc', NULL, $4, $5, $6, $7, $8, $9)`,
      [id, userId, createHash('sha256').update(randomBytes(32)).digest('hex'), at(expires - 12 * HOUR), at(lastSeen), at(expires), opts.ended ? at(opts.ended.at) : null, opts.ended?.reason ?? null, hint],
    );
    return id;
  }

  async function rows(): Promise<Map<string, SessionRow>> {
    const all: SessionRow[] = await ds.query(`SELECT id, last_seen_at, expires_at, ended_at, ended_reason, id_token_hint FROM sessions`);
    return new Map(all.map((r) => [r.id, r]));
  }
  const liveCount = async () => (await ds.query(`SELECT count(*)::int AS n FROM sessions WHERE ended_at IS NULL`))[0].n as number;
  const sweep = (now = NOW, options = {}) => endLapsedSessions(ds, now, config.sessionIdleTtlMs, options);

  it('ends sessions past their idle or absolute limit, dated when they lapsed, and keeps the rest as they were', async () => {
    const idle = await session(-31 * MINUTE, 10 * HOUR);
    const idleExactlyNow = await session(-30 * MINUTE, 10 * HOUR);
    const expired = await session(-10 * MINUTE, -5 * MINUTE);
    // both limits passed: the absolute one first (idle at -10 min, absolute at -20 min)
    const bothAbsoluteFirst = await session(-40 * MINUTE, -20 * MINUTE);
    // both passed at the same moment: the absolute limit's reason
    const bothAtOnce = await session(-50 * MINUTE, -20 * MINUTE);
    // both passed, the idle one first (idle at -30 min, absolute at -10 min)
    const bothIdleFirst = await session(-60 * MINUTE, -10 * MINUTE);
    const emailLink = await session(-45 * MINUTE, 3 * HOUR, { hint: null });

    const live = await session(-29 * MINUTE, 10 * HOUR);
    const liveUntilJustAfterNow = await session(-MINUTE, 1);
    const signedOut = await session(-5 * HOUR, -1 * HOUR, { ended: { at: -4 * HOUR, reason: 'signed_out' }, hint: null });
    // ended by resolve() when its cookie came back, after it lapsed: its own date stays
    const resolvedIdle = await session(-3 * HOUR, 5 * HOUR, { ended: { at: -90 * MINUTE, reason: 'idle' }, hint: null });
    const deactivated = await session(-2 * HOUR, -MINUTE, { ended: { at: -100 * MINUTE, reason: 'deactivated' }, hint: null });
    const before = await rows();

    expect(await sweep()).toBe(7);
    const after = await rows();
    const ending = (id: string) => {
      const r = after.get(id)!;
      return { reason: r.ended_reason, at: r.ended_at?.toISOString() ?? null, hint: r.id_token_hint };
    };
    expect(ending(idle)).toEqual({ reason: 'idle', at: at(-MINUTE).toISOString(), hint: null });
    expect(ending(idleExactlyNow)).toEqual({ reason: 'idle', at: NOW.toISOString(), hint: null });
    expect(ending(expired)).toEqual({ reason: 'expired', at: at(-5 * MINUTE).toISOString(), hint: null });
    expect(ending(bothAbsoluteFirst)).toEqual({ reason: 'expired', at: at(-20 * MINUTE).toISOString(), hint: null });
    expect(ending(bothAtOnce)).toEqual({ reason: 'expired', at: at(-20 * MINUTE).toISOString(), hint: null });
    expect(ending(bothIdleFirst)).toEqual({ reason: 'idle', at: at(-30 * MINUTE).toISOString(), hint: null });
    expect(ending(emailLink)).toEqual({ reason: 'idle', at: at(-15 * MINUTE).toISOString(), hint: null });

    // live sessions keep their ID token; ended ones are exactly as they were
    expect(ending(live)).toEqual({ reason: null, at: null, hint: `id-token-${live}` });
    expect(ending(liveUntilJustAfterNow)).toEqual({ reason: null, at: null, hint: `id-token-${liveUntilJustAfterNow}` });
    for (const id of [live, liveUntilJustAfterNow, signedOut, resolvedIdle, deactivated]) expect(after.get(id)).toEqual(before.get(id));
    // nothing else of an ended session changes, and no row goes
    for (const [id, r] of after) expect({ ...r, ended_at: null, ended_reason: null, id_token_hint: null }).toEqual({ ...before.get(id), ended_at: null, ended_reason: null, id_token_hint: null });
    expect(after.size).toBe(before.size);

    // a second run, now or later the same hour, ends nothing and changes nothing
    expect(await sweep()).toBe(0);
    expect(await rows()).toEqual(after);
    // ...until a live one lapses in turn
    expect(await sweep(at(MINUTE))).toBe(2);
    expect((await rows()).get(live)).toMatchObject({ ended_reason: 'idle', ended_at: at(MINUTE), id_token_hint: null });
    expect((await rows()).get(liveUntilJustAfterNow)).toMatchObject({ ended_reason: 'expired', ended_at: at(1), id_token_hint: null });
  });

  it('goes through many lapsed sessions in batches, calling afterBatch after each, up to its limit per call', async () => {
    for (let i = 0; i < 7; i++) await session(-HOUR - i * MINUTE, 10 * HOUR);
    let batches = 0;
    expect(await sweep(NOW, { batchSize: 3, maxBatches: 2, afterBatch: () => batches++ })).toBe(6);
    expect(batches).toBe(2);
    expect(await liveCount()).toBe(1);
    batches = 0;
    expect(await sweep(NOW, { batchSize: 3, maxBatches: 2, afterBatch: () => batches++ })).toBe(1);
    expect(batches).toBe(1);
    expect(await liveCount()).toBe(0);
    // nothing left: one statement, which finds nothing
    batches = 0;
    expect(await sweep(NOW, { batchSize: 3, afterBatch: () => batches++ })).toBe(0);
    expect(batches).toBe(1);
  });

  it('ends each session once when two workers sweep at the same time', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push(await session(-HOUR - i * 1000, i % 3 === 0 ? -MINUTE : 10 * HOUR));
    const liveOne = await session(-MINUTE, 10 * HOUR);
    // every change to a session's end, as the table sees it
    await ds.query(`CREATE TABLE session_ends_seen (id uuid NOT NULL)`);
    await ds.query(
      `CREATE FUNCTION session_end_seen() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN INSERT INTO session_ends_seen VALUES (NEW.id); RETURN NEW; END $$`,
    );
    await ds.query(
      `CREATE TRIGGER session_end_seen AFTER UPDATE OF ended_at, ended_reason, id_token_hint ON sessions FOR EACH ROW EXECUTE FUNCTION session_end_seen()`,
    );
    try {
      const [a, b] = await Promise.all([sweep(NOW, { batchSize: 2, maxBatches: 100 }), sweep(NOW, { batchSize: 2, maxBatches: 100 })]);
      expect(a + b).toBe(60);
      const seen: Array<{ id: string; n: number }> = await ds.query(`SELECT id, count(*)::int AS n FROM session_ends_seen GROUP BY id`);
      expect(seen.map((r) => r.id).sort()).toEqual([...ids].sort());
      expect(seen.every((r) => r.n === 1)).toBe(true);
      expect(await liveCount()).toBe(1);
      expect((await rows()).get(liveOne)!.ended_at).toBeNull();
      expect(await Promise.all([sweep(), sweep()])).toEqual([0, 0]);
    } finally {
      await ds.query(`DROP TRIGGER session_end_seen ON sessions`);
      await ds.query(`DROP FUNCTION session_end_seen()`);
      await ds.query(`DROP TABLE session_ends_seen`);
    }
  });

  it('leaves a swept session unknown to resolve(), where one not yet swept is found idle', async () => {
    const user = await ds.getRepository(UserEntity).findOneByOrFail({ id: userId });
    const start = (signInAt: Date) => new SessionsService(ds, new FixedClock(signInAt), config).start(ds.manager, user, 'oidc', null, 'the-id-token');
    // idle from -90 min and from -30 min; the sweep runs at -45 min and ends only the first
    const swept = await start(at(-2 * HOUR));
    const unswept = await start(at(-HOUR));
    expect(await sweep(at(-45 * MINUTE))).toBe(1);

    const now = new SessionsService(ds, new FixedClock(NOW), config);
    expect(await now.resolve(swept.token)).toEqual({ ok: false, reason: 'unknown' });
    expect(await now.resolve(unswept.token)).toEqual({ ok: false, reason: 'idle' });
    const after = await rows();
    // both dated when the idle limit passed, whichever ended them: the sweep, or resolve() when the cookie came back
    expect(after.get(swept.session.id)).toMatchObject({ ended_reason: 'idle', ended_at: at(-90 * MINUTE), id_token_hint: null });
    expect(after.get(unswept.session.id)).toMatchObject({ ended_reason: 'idle', ended_at: at(-30 * MINUTE), id_token_hint: null });
  });

  it('has resolve() name the limit reached first and date the lapse, as the sweep does, when both have passed', async () => {
    const user = await ds.getRepository(UserEntity).findOneByOrFail({ id: userId });
    // signed in 13 h ago and idle since 12.5 h ago: the idle limit passed first, the absolute one 1 h ago
    const idleFirst = await new SessionsService(ds, new FixedClock(at(-13 * HOUR)), config).start(ds.manager, user, 'oidc', null, 'the-id-token');
    expect(await new SessionsService(ds, new FixedClock(NOW), config).resolve(idleFirst.token)).toEqual({ ok: false, reason: 'idle' });
    expect((await rows()).get(idleFirst.session.id)).toMatchObject({ ended_reason: 'idle', ended_at: at(-12.5 * HOUR), id_token_hint: null });
    const sweptTwin = await session(-13 * HOUR, -HOUR);
    expect(await sweep()).toBe(1);
    expect((await rows()).get(sweptTwin)).toMatchObject({ ended_reason: 'idle' });
  });

  describe('in the worker hourly pass', () => {
    it('ends lapsed sessions once an hour, heartbeating, and logs how many', async () => {
      await session(-31 * MINUTE, 10 * HOUR);
      await session(-5 * MINUTE, -MINUTE);
      await session(-MINUTE, 10 * HOUR);
      const pass = new HourlyRetention(ds, new FixedClock(NOW), config);
      const logged: string[] = [];
      jest.spyOn((pass as unknown as { logger: { log: (m: string) => void } }).logger, 'log').mockImplementation((m) => void logged.push(m));
      let heartbeats = 0;
      expect(await pass.runNowAndThen(() => heartbeats++)).toEqual({ webhookEvents: 0, emails: 0, lapsedSessions: 2 });
      // a statement each for the webhook events, the mail and the sessions
      expect(heartbeats).toBe(3);
      expect(logged).toEqual([`ended 2 sessions past their idle or absolute limit by ${NOW.toISOString()}`]);
      expect(await liveCount()).toBe(1);

      // within the hour: nothing looked at, even a session that lapsed since
      await session(-HOUR, 10 * HOUR);
      expect(await pass.runNowAndThen()).toEqual({ webhookEvents: 0, emails: 0, lapsedSessions: 0 });
      expect(await liveCount()).toBe(2);
    });

    it('follows SESSION_IDLE_MINUTES', async () => {
      const tenMinutes = await session(-10 * MINUTE, 10 * HOUR);
      const short = loadAppConfig({ DATABASE_URL: db.url, ACTION_LINK_SECRET: 'action-link-secret-of-this-test', SESSION_IDLE_MINUTES: '5' });
      expect(await new HourlyRetention(ds, new FixedClock(NOW), short).runNowAndThen()).toEqual({ webhookEvents: 0, emails: 0, lapsedSessions: 1 });
      expect((await rows()).get(tenMinutes)).toMatchObject({ ended_reason: 'idle', ended_at: at(-5 * MINUTE) });
    });

    it('ends sessions when the outbox purges fail, and purges an outbox when ending sessions fails', async () => {
      const failingOn = (statement: RegExp) =>
        ({ query: async (sql: string, params?: unknown[]) => (statement.test(sql) ? Promise.reject(new Error('statement timeout')) : ds.query(sql, params)) }) as unknown as DataSource;
      const passWarnings = (pass: HourlyRetention) => {
        const warnings: string[] = [];
        jest.spyOn((pass as unknown as { logger: { warn: (m: string) => void } }).logger, 'warn').mockImplementation((m) => void warnings.push(m));
        return warnings;
      };

      await session(-HOUR, 10 * HOUR);
      const outboxesDown = new HourlyRetention(failingOn(/webhook_events|email_outbox/), new FixedClock(NOW), config);
      const outboxWarnings = passWarnings(outboxesDown);
      expect(await outboxesDown.runNowAndThen()).toEqual({ webhookEvents: 0, emails: 0, lapsedSessions: 1 });
      expect(outboxWarnings).toEqual([
        'could not delete settled webhook events, with their deliveries, past their retention: statement timeout',
        'could not delete sent or cancelled emails past their retention: statement timeout',
      ]);
      expect(await liveCount()).toBe(0);

      await session(-HOUR, 10 * HOUR);
      await ds.query(
        `INSERT INTO email_outbox (id, idempotency_key, task_id, to_address, subject, text_body, html_body, status, attempts, created_at, sent_at)
         VALUES (gen_random_uuid(), $1, NULL, 'ada@example.com', 'Approval needed', 'text', '<p>html</p>', 'sent', 1, $2, $2)`,
        [`test:${randomUUID()}`, at(-120 * 24 * HOUR)],
      );
      const sessionsDown = new HourlyRetention(failingOn(/UPDATE sessions/), new FixedClock(NOW), config);
      const sessionWarnings = passWarnings(sessionsDown);
      expect(await sessionsDown.runNowAndThen()).toEqual({ webhookEvents: 0, emails: 1, lapsedSessions: 0 });
      expect(sessionWarnings).toEqual(['could not end sessions past their idle or absolute limit: statement timeout']);
      expect(await liveCount()).toBe(1);
    });
  });
});
