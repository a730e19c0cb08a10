import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { writeAudit } from '@aigov/worker/activities/audit-writer';
import { createDataSource } from '@aigov/persistence/data-source.factory';
import { startTestDatabase, TestDatabase } from '../../setup/database.setup';

/**
 * The outbox is written with the fact: by the audit append of the worker's activities, in their
 * transaction. A retried activity (the same stream and seq) adds no second event, a transaction
 * that rolls back leaves none, and nothing is written while no active subscription wants the type.
 */
describe('webhook outbox written with the audit event it reports', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    // its own database: the test counts every outbox row
    db = await startTestDatabase();
    ds = await createDataSource(db.url, { poolSize: 2 }).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.stop();
  });

  const events = async () => (await ds.query(`SELECT type, dedupe_key, body FROM webhook_events ORDER BY type`)) as Array<{ type: string; dedupe_key: string; body: { id: string; type: string; data: Record<string, unknown> } }>;
  const stageChanged = (seq: number) => ({
    seq,
    eventType: 'ai_system.stage_changed',
    actor: null,
    payload: { action: 'rollback', from: 'operation', to: 'rollback', reason: 'typed by a person', fromVersion: '2.0', toVersion: null },
  });
  const write = (stream: string, seq: number, at = new Date()) => ds.transaction((tx) => writeAudit(tx, stream, null, stageChanged(seq), at));

  it('writes nothing while no active subscription wants the type', async () => {
    await write(`ai-system:${randomUUID()}`, 1);
    expect(await events()).toEqual([]);
  });

  it('writes each event once, however often the activity runs, and only with a committed fact', async () => {
    await ds.query(
      `INSERT INTO webhook_subscriptions (id, url, events, secret_sealed, active, disabled_reason, disabled_at, created_at, updated_at) VALUES ($1, 'https://receiver.example/x', $2, 'v1.x.y', false, 'manual', now(), now(), now())`,
      [randomUUID(), ['ai_system.rolled_back']],
    );
    // a disabled subscription does not count
    await write(`ai-system:${randomUUID()}`, 1);
    expect(await events()).toEqual([]);
    await ds.query(
      `INSERT INTO webhook_subscriptions (id, url, events, secret_sealed, created_at, updated_at) VALUES ($1, 'https://receiver.example/y', $2, 'v1.x.y', now(), now())`,
      [randomUUID(), ['ai_system.stage_changed', 'ai_system.suspended']],
    );
    const stream = `ai-system:${randomUUID()}`;
    await write(stream, 1);
    await write(stream, 1, new Date(Date.now() + 5000)); // a retry: the same entry again
    const written = await events();
    expect(written.map((e) => e.type)).toEqual(['ai_system.stage_changed', 'ai_system.suspended']);
    expect(written.map((e) => e.dedupe_key)).toEqual([`audit:${stream}:1:ai_system.stage_changed`, `audit:${stream}:1:ai_system.suspended`]);
    for (const e of written) {
      expect(e.body.type).toBe(e.type);
      expect(JSON.stringify(e.body)).not.toContain('typed by a person');
    }
    // a transaction that fails after the append leaves neither the audit event nor the webhook event
    const failing = `ai-system:${randomUUID()}`;
    await expect(
      ds.transaction(async (tx) => {
        await writeAudit(tx, failing, null, stageChanged(1), new Date());
        throw new Error('the rest of the activity failed');
      }),
    ).rejects.toThrow('the rest of the activity failed');
    expect((await events()).filter((e) => e.dedupe_key.includes(failing))).toEqual([]);
    expect(await ds.query(`SELECT 1 FROM audit_events WHERE stream_id = $1`, [failing])).toEqual([]);
  });
});
