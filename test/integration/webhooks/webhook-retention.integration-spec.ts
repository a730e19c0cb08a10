import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@aigov/config/app-config';
import { loadWebhookDeliveryConfig } from '@aigov/config/webhook-delivery.config';
import { createDataSource } from '@aigov/persistence/data-source.factory';
import { purgeSettledWebhookEvents } from '@aigov/persistence/webhook-outbox';
import { WebhookDeliveryActivities } from '@aigov/worker/activities/webhook-delivery.activities';
import { startTestDatabase, TestDatabase } from '../../setup/database.setup';
import { FixedClock } from '../../support/adjustable-clock';

const DAY = 86_400_000;
const NOW = new Date('2026-12-02T12:00:00Z');

/**
 * The outbox's retention (WEBHOOK_RETENTION): the worker deletes settled events older than it,
 * with their deliveries and attempts, and keeps everything else: an event still retrying, one
 * not yet dispatched, a recent one.
 */
describe('webhook outbox retention', () => {
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

  function activities(retention?: string): WebhookDeliveryActivities {
    const fail = (variable: string, reason: string): never => {
      throw new Error(`${variable}: ${reason}`);
    };
    const webhooks = loadWebhookDeliveryConfig(retention ? { WEBHOOK_RETENTION: retention } : {}, 'action-link-secret-of-this-test', fail);
    return new WebhookDeliveryActivities(ds, new FixedClock(NOW), { webhooks } as AppConfig);
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
    expect(await activities('P7D').purgeNowAndThen()).toBe(1);
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
});
