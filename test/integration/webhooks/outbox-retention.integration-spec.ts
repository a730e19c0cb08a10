import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '@aigov/config/app-config';
import { createDataSource } from '@aigov/persistence/data-source.factory';
import { purgeSettledEmails } from '@aigov/persistence/email-outbox-retention';
import { purgeSettledWebhookEvents } from '@aigov/persistence/webhook-outbox';
import { HourlyRetention } from '@aigov/worker/activities/hourly-retention';
import { startTestDatabase, TestDatabase } from '../../setup/database.setup';
import { FixedClock } from '../../support/adjustable-clock';

const DAY = 86_400_000;
const NOW = new Date('2026-12-02T12:00:00Z');

/**
 * The outboxes' retention. WEBHOOK_RETENTION: the worker deletes settled events older than it,
 * with their deliveries and attempts, and keeps everything else: an event still retrying, one
 * not yet dispatched, a recent one. EMAIL_RETENTION: mail sent or cancelled before it goes, mail
 * still pending stays.
 */
describe('outbox retention', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let subscriptionId: string;

  beforeAll(async () => {
    // its own database: the purge deletes by age across the whole outbox
    db = await startTestDatabase();
    ds = await createDataSource(db.url, { poolSize: 2 }).initialize();
    subscriptionId = randomUUID();
    await ds.query(
      `INSERT INTO webhook_subscriptions (id, url, events, secret_sealed, created_at, updated_at) VALUES ($1, 'https://receiver.example/r', $2, 'v1.x.y', now(), now())`,
      [subscriptionId, ['ai_system.stage_changed']],
    );
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.stop();
  });
  beforeEach(async () => {
    await ds.query(`DELETE FROM webhook_events`);
    await ds.query(`DELETE FROM email_outbox`);
  });

  /** An event `ageDays` old; with a delivery in `status` (and one attempt) unless null; dispatched unless told not. */
  async function event(ageDays: number, status: 'pending' | 'delivered' | 'failed' | 'gone' | 'cancelled' | null, dispatched = true): Promise<string> {
    const id = randomUUID();
    const at = new Date(NOW.getTime() - ageDays * DAY);
    await ds.query(
      `INSERT INTO webhook_events (id, type, dedupe_key, ai_system_id, body, occurred_at, dispatched_at) VALUES ($1, 'ai_system.stage_changed', $2, NULL, '{}'::jsonb, $3, $4)`,
      [id, `test:${id}`, at, dispatched ? at : null],
    );
    if (status) {
      const deliveryId = randomUUID();
      await ds.query(`INSERT INTO webhook_deliveries (id, subscription_id, event_id, status, attempts, created_at) VALUES ($1, $2, $3, $4, 1, $5)`, [deliveryId, subscriptionId, id, status, at]);
      await ds.query(`INSERT INTO webhook_delivery_attempts (id, delivery_id, attempt, started_at, duration_ms, status_code) VALUES ($1, $2, 1, $3, 12, 200)`, [randomUUID(), deliveryId, at]);
    }
    return id;
  }

  const remaining = async () => ((await ds.query(`SELECT id FROM webhook_events ORDER BY occurred_at`)) as Array<{ id: string }>).map((r) => r.id);
  const counts = async () =>
    (
      await ds.query(
        `SELECT (SELECT count(*) FROM webhook_events)::int AS events, (SELECT count(*) FROM webhook_deliveries)::int AS deliveries, (SELECT count(*) FROM webhook_delivery_attempts)::int AS attempts`,
      )
    )[0];

  /** A worker process's retention, on the real configuration's parsing of `env`. */
  function activities(env: NodeJS.ProcessEnv = {}): { purgeNowAndThen: () => Promise<number>; both: HourlyRetention } {
    const config = loadAppConfig({ DATABASE_URL: db.url, ACTION_LINK_SECRET: 'action-link-secret-of-this-test', ...env });
    const both = new HourlyRetention(ds, new FixedClock(NOW), config);
    return { both, purgeNowAndThen: async () => (await both.runNowAndThen()).webhookEvents };
  }

  it('deletes settled events past the retention with their deliveries and attempts, and keeps the rest', async () => {
    const delivered = await event(45, 'delivered');
    const gone = await event(31, 'gone');
    const noSubscriber = await event(40, null);
    const stillRetrying = await event(60, 'pending');
    const neverDispatched = await event(50, null, false);
    const recent = await event(29, 'delivered');

    // The default: 30 days on the worker's clock.
    expect(await activities().purgeNowAndThen()).toBe(3);
    expect((await remaining()).sort()).toEqual([stillRetrying, neverDispatched, recent].sort());
    expect(await counts()).toEqual({ events: 3, deliveries: 2, attempts: 2 });
    for (const id of [delivered, gone, noSubscriber]) {
      expect(await ds.query(`SELECT 1 FROM webhook_deliveries WHERE event_id = $1`, [id])).toEqual([]);
    }
  });

  it('purges at most once an hour from one worker, and deletes nothing twice', async () => {
    await event(45, 'delivered');
    const worker = activities();
    expect(await worker.purgeNowAndThen()).toBe(1);
    await event(45, 'failed');
    // Within the hour: nothing looked at.
    expect(await worker.purgeNowAndThen()).toBe(0);
    expect(await counts()).toMatchObject({ events: 1 });
    // Another worker (its own hour) takes it; a third finds nothing left.
    expect(await activities().purgeNowAndThen()).toBe(1);
    expect(await activities().purgeNowAndThen()).toBe(0);
  });

  it("follows WEBHOOK_RETENTION", async () => {
    const week = await event(8, 'delivered');
    const day = await event(1, 'delivered');
    expect(await activities({ WEBHOOK_RETENTION: 'P7D' }).purgeNowAndThen()).toBe(1);
    expect(await remaining()).toEqual([day]);
    expect(await remaining()).not.toContain(week);
  });

  it('goes through a large outbox in batches, oldest first, up to its limit per call', async () => {
    for (let i = 0; i < 7; i++) await event(100 - i, 'delivered');
    const cutoff = new Date(NOW.getTime() - 30 * DAY);
    // Two batches of three: six go, the youngest of the seven stays for the next call.
    let batches = 0;
    expect(await purgeSettledWebhookEvents(ds, cutoff, { batchSize: 3, maxBatches: 2, afterBatch: () => batches++ })).toBe(6);
    expect(batches).toBe(2);
    const [left] = (await ds.query(`SELECT occurred_at FROM webhook_events`)) as Array<{ occurred_at: Date }>;
    expect(left!.occurred_at.toISOString()).toBe(new Date(NOW.getTime() - 94 * DAY).toISOString());
    expect(await purgeSettledWebhookEvents(ds, cutoff, { batchSize: 3, maxBatches: 2 })).toBe(1);
    expect(await counts()).toEqual({ events: 0, deliveries: 0, attempts: 0 });
  });

  /** A mail recorded `ageDays` ago, in `status`; sent `sentAgeDays` ago when sent (default: when recorded). */
  async function mail(ageDays: number, status: 'pending' | 'sent' | 'cancelled', sentAgeDays = ageDays): Promise<string> {
    const key = `test:${randomUUID()}`;
    const at = (days: number) => new Date(NOW.getTime() - days * DAY);
    await ds.query(
      `INSERT INTO email_outbox (id, idempotency_key, task_id, to_address, subject, text_body, html_body, status, attempts, created_at, sent_at)
       VALUES (gen_random_uuid(), $1, NULL, 'ada@example.com', 'Approval needed', 'text', '<p>html</p>', $2, 1, $3, $4)`,
      [key, status, at(ageDays), status === 'sent' ? at(sentAgeDays) : null],
    );
    return key;
  }
  const mailsLeft = async () => ((await ds.query(`SELECT idempotency_key FROM email_outbox`)) as Array<{ idempotency_key: string }>).map((r) => r.idempotency_key).sort();

  it('deletes mail sent or cancelled before EMAIL_RETENTION (90 days by default), and keeps pending mail whatever its age', async () => {
    const sentLongAgo = await mail(120, 'sent');
    const cancelledLongAgo = await mail(91, 'cancelled');
    const stillPending = await mail(200, 'pending');
    // Recorded long ago but sent only last month (the mail server was away): kept for its own 90 days.
    const sentLate = await mail(100, 'sent', 30);
    const recent = await mail(89, 'sent');
    const webhookEvent = await event(45, 'delivered');

    expect(await activities().both.runNowAndThen()).toEqual({ webhookEvents: 1, emails: 2, lapsedSessions: 0 });
    expect(await mailsLeft()).toEqual([stillPending, sentLate, recent].sort());
    expect(await mailsLeft()).not.toContain(sentLongAgo);
    expect(await mailsLeft()).not.toContain(cancelledLongAgo);
    expect(await remaining()).not.toContain(webhookEvent);
  });

  it('follows EMAIL_RETENTION, refuses one shorter than a day, and purges mail once an hour like the webhook outbox', async () => {
    const month = await mail(31, 'sent');
    const week = await mail(6, 'sent');
    const worker = activities({ EMAIL_RETENTION: 'P7D' });
    expect(await worker.both.runNowAndThen()).toEqual({ webhookEvents: 0, emails: 1, lapsedSessions: 0 });
    expect(await mailsLeft()).toEqual([week]);
    expect(await mailsLeft()).not.toContain(month);
    await mail(8, 'cancelled');
    expect(await worker.both.runNowAndThen()).toEqual({ webhookEvents: 0, emails: 0, lapsedSessions: 0 });
    expect(await mailsLeft()).toHaveLength(2);

    // An hour is too short: a retried activity's row must still be there to stop a second copy.
    expect(() => activities({ EMAIL_RETENTION: 'PT1H' })).toThrow(/EMAIL_RETENTION: must be from 86400000 ms/);
    expect(() => activities({ EMAIL_RETENTION: 'ninety days' })).toThrow(/EMAIL_RETENTION/);
  });

  it('goes through a large mail outbox in batches, oldest first, up to its limit per call', async () => {
    const keys: string[] = [];
    for (let i = 0; i < 5; i++) keys.push(await mail(200 - i, i % 2 ? 'cancelled' : 'sent'));
    const cutoff = new Date(NOW.getTime() - 90 * DAY);
    let batches = 0;
    expect(await purgeSettledEmails(ds, cutoff, { batchSize: 2, maxBatches: 2, afterBatch: () => batches++ })).toBe(4);
    expect(batches).toBe(2);
    expect(await mailsLeft()).toEqual([keys[4]]);
    expect(await purgeSettledEmails(ds, cutoff, { batchSize: 2, maxBatches: 2 })).toBe(1);
    expect(await mailsLeft()).toEqual([]);
  });

  it('keeps purging mail when the webhook purge fails, and says so in the log', async () => {
    const old = await mail(120, 'sent');
    const failing = { query: async (sql: string, params?: unknown[]) => (sql.includes('webhook_events') ? Promise.reject(new Error('statement timeout')) : ds.query(sql, params)) };
    const config = loadAppConfig({ DATABASE_URL: db.url, ACTION_LINK_SECRET: 'action-link-secret-of-this-test' });
    const retention = new HourlyRetention(failing as unknown as DataSource, new FixedClock(NOW), config);
    const warnings: string[] = [];
    const warn = jest.spyOn((retention as unknown as { logger: { warn: (m: string) => void } }).logger, 'warn').mockImplementation((m) => void warnings.push(m));
    expect(await retention.runNowAndThen()).toEqual({ webhookEvents: 0, emails: 1, lapsedSessions: 0 });
    expect(await mailsLeft()).not.toContain(old);
    expect(warnings).toEqual([expect.stringMatching(/^could not delete settled webhook events, with their deliveries, past their retention: statement timeout$/)]);
    warn.mockRestore();
  });
});
