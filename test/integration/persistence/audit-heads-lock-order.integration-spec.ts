import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TestDatabase } from '../../setup/database.setup';
import { sharedTestDatabase } from './test-database';

const HASH = 'a'.repeat(64);
const GENESIS = '0'.repeat(64);

/**
 * The control-health triggers lock a system's `control_health_dirty` row and its
 * `audit_system_heads` row. Two transactions naming the same system must take them in one order,
 * or they deadlock: here one marks the system dirty first (as writing a task does) and then
 * appends an audit event, while the other only appends an audit event in between. Two real
 * connections, interleaved step by step.
 */
describe('audit heads and the dirty mark: one lock order', () => {
  let db: TestDatabase;
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await sharedTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await db?.stop();
  });

  async function connect(): Promise<Client> {
    const client = new Client({ connectionString: db.url, application_name: 'aigov-lock-order-spec' });
    await client.connect();
    clients.push(client);
    // A deadlock is reported after deadlock_timeout; waiting longer than that means no deadlock was found.
    await client.query(`SET lock_timeout = '10s'`);
    return client;
  }

  const appendFirstEvent = (client: Client, systemId: string) =>
    client.query(
      `INSERT INTO audit_events (stream_id, seq, ai_system_id, event_type, actor_id, actor_label, payload, occurred_at, prev_hash, hash)
       VALUES ($1, 1, $2, 'spec.lock_order', NULL, 'spec', '{}', now(), $3, $4)`,
      [`lock-order-spec:${randomUUID()}`, systemId, GENESIS, HASH],
    );

  /** Resolves when `pid` waits on a lock, so the interleaving is the one meant. */
  async function waitingOnLock(observer: Client, pid: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rows } = await observer.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [pid]);
      if (rows[0]?.wait_event_type === 'Lock') return;
      if (Date.now() > deadline) throw new Error(`backend ${pid} never waited on a lock`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('lets a transaction that marked the system dirty append its audit event while another appends one', async () => {
    const [first, second, observer] = [await connect(), await connect(), await connect()];
    const systemId = randomUUID();
    const secondPid: number = (await second.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;

    await first.query('BEGIN');
    // As an evidence table's trigger does when a task is written: the system's dirty row first.
    await first.query(
      `INSERT INTO control_health_dirty (ai_system_id, seq) VALUES ($1, nextval('control_health_dirty_seq'))
       ON CONFLICT (ai_system_id) DO UPDATE SET seq = excluded.seq`,
      [systemId],
    );

    await second.query('BEGIN');
    const secondAppend = appendFirstEvent(second, systemId).then(
      () => 'appended',
      (error: Error) => error.message,
    );
    await waitingOnLock(observer, secondPid);

    // Before the fix the second held the heads row here and waited for the dirty row: a deadlock.
    const firstAppend = await appendFirstEvent(first, systemId).then(
      () => 'appended',
      (error: Error) => error.message,
    );
    expect(firstAppend).toBe('appended');
    await first.query('COMMIT');
    expect(await secondAppend).toBe('appended');
    await second.query('COMMIT');

    const { rows } = await observer.query('SELECT events::int AS events FROM audit_system_heads WHERE ai_system_id = $1', [systemId]);
    expect(rows).toEqual([{ events: 2 }]);
  });
});
