import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  appendAuditEvent,
  appendAuditEvents,
  appendNextAuditEvent,
  AuditEventInput,
  computeAuditHash,
  GENESIS_HASH,
  verifyAuditChain,
} from '@aigov/persistence/audit-chain';
import { createDataSource } from '@aigov/persistence/data-source.factory';
import { startTestDatabase, TestDatabase } from '../../setup/database.setup';
import { sharedTestDatabase } from './test-database';

const T0 = Date.parse('2025-11-23T09:00:00.000Z');

function event(streamId: string, seq: number, overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    streamId,
    seq,
    eventType: seq === 1 ? 'registered' : 'stage_changed',
    actorId: '11111111-1111-4111-8111-111111111111',
    actorLabel: 'alice@example.test',
    aiSystemId: null,
    payload: { seq, nested: { b: [1, 'two', null], a: true } },
    occurredAt: new Date(T0 + seq * 1000),
    ...overrides,
  };
}

async function appendStream(dataSource: DataSource, streamId: string, count: number): Promise<void> {
  for (let seq = 1; seq <= count; seq++) await appendAuditEvent(dataSource.manager, event(streamId, seq));
}

describe('audit chain', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await sharedTestDatabase();
    dataSource = await createDataSource(db.url, { poolSize: 8 }).initialize();
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.stop();
  });

  it('chains each event to the one before it', async () => {
    const stream = `test:${randomUUID()}`;
    await appendStream(dataSource, stream, 3);
    const rows = await dataSource.query('SELECT seq, prev_hash, hash FROM audit_events WHERE stream_id = $1 ORDER BY seq', [stream]);
    expect(rows.map((r: { seq: number }) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(rows[2].prev_hash).toBe(rows[1].hash);
    expect(rows[0].hash).toBe(computeAuditHash(GENESIS_HASH, event(stream, 1)));
    expect(await verifyAuditChain(dataSource, { streamId: stream })).toEqual({ ok: true, streams: 1, events: 3 });
  });

  it('appends many streams’ next events in one statement, chained as one by one, or none of them', async () => {
    const [a, b, c] = [`test:${randomUUID()}`, `test:${randomUUID()}`, `test:${randomUUID()}`];
    await appendStream(dataSource, a, 2);
    await appendAuditEvents(dataSource.manager, [event(a, 3), event(b, 1), event(c, 1, { payload: { awkward: { z: 1, a: ['é', 0.1 + 0.2] } } })]);
    for (const [stream, events] of [[a, 3], [b, 1], [c, 1]] as const) {
      expect(await verifyAuditChain(dataSource, { streamId: stream })).toEqual({ ok: true, streams: 1, events });
    }
    // the hash appendAuditEvent would have stored for it
    const [second, third] = await dataSource.query('SELECT hash FROM audit_events WHERE stream_id = $1 AND seq IN (2, 3) ORDER BY seq', [a]);
    expect(third.hash).toBe(computeAuditHash(second.hash, event(a, 3)));

    // a taken seq, or a missing previous one, and nothing of the call is written
    const d = `test:${randomUUID()}`;
    for (const bad of [[event(d, 1), event(a, 3)], [event(d, 1), event(`test:${randomUUID()}`, 2)]]) {
      await expect(dataSource.transaction((m) => appendAuditEvents(m, bad))).rejects.toThrow(/taken, or seq \d+ missing/);
      expect(await dataSource.query('SELECT 1 FROM audit_events WHERE stream_id = $1', [d])).toEqual([]);
    }
    await expect(appendAuditEvents(dataSource.manager, [event(d, 1), event(d, 2)])).rejects.toThrow(/given twice/);
  });

  it('is idempotent: the same event at the same seq is a duplicate, also when retried later', async () => {
    const stream = `test:${randomUUID()}`;
    expect(await appendAuditEvent(dataSource.manager, event(stream, 1))).toBe('inserted');
    expect(await appendAuditEvent(dataSource.manager, event(stream, 1))).toBe('duplicate');
    // key order is irrelevant to the hash
    expect(await appendAuditEvent(dataSource.manager, event(stream, 1, { payload: { nested: { a: true, b: [1, 'two', null] }, seq: 1 } }))).toBe(
      'duplicate',
    );
    // an activity retried after a lost reply carries a later clock reading; the first write stands
    expect(await appendAuditEvent(dataSource.manager, event(stream, 1, { occurredAt: new Date(T0 + 60_000) }))).toBe('duplicate');
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM audit_events WHERE stream_id = $1', [stream]);
    expect(count).toBe(1);
    expect((await verifyAuditChain(dataSource, { streamId: stream })).ok).toBe(true);
  });

  it('re-verifies after the jsonb round trip, however awkward the payload', async () => {
    const stream = `test:${randomUUID()}`;
    const payload = {
      10: 'integer-like keys', 2: 'sorted as text', é: 'ü', emoji: '😀 \u2028', quote: '"\\',
      float: 0.1 + 0.2, tiny: 1e-7, huge: 1e21, negativeZero: -0, big: 12345678901234567890,
      when: new Date(T0), dropped: undefined, nested: [[], {}, [null, { z: 1, a: [true, false] }]], empty: '',
    };
    await appendAuditEvent(dataSource.manager, event(stream, 1, { payload }));
    await appendAuditEvent(dataSource.manager, event(stream, 2, { payload: 'a bare string' }));
    await appendAuditEvent(dataSource.manager, event(stream, 3, { payload: null }));
    expect(await verifyAuditChain(dataSource, { streamId: stream })).toEqual({ ok: true, streams: 1, events: 3 });
    expect(await appendAuditEvent(dataSource.manager, event(stream, 1, { payload: JSON.parse(JSON.stringify(payload)) }))).toBe('duplicate');
  });

  it('refuses a different event claiming a seq that is taken', async () => {
    const stream = `test:${randomUUID()}`;
    await appendStream(dataSource, stream, 2);
    await expect(appendAuditEvent(dataSource.manager, event(stream, 2, { payload: { seq: 2, forged: true } }))).rejects.toThrow(
      /already holds a different event/,
    );
    await expect(appendAuditEvent(dataSource.manager, event(stream, 2, { eventType: 'approved' }))).rejects.toThrow(
      /already holds a different event/,
    );
  });

  it('refuses to leave a hole: seq n needs seq n-1', async () => {
    const stream = `test:${randomUUID()}`;
    await expect(appendAuditEvent(dataSource.manager, event(stream, 2))).rejects.toThrow(/has no seq 1/);
    await appendStream(dataSource, stream, 1);
    await expect(appendAuditEvent(dataSource.manager, event(stream, 3))).rejects.toThrow(/has no seq 2/);
    await expect(appendAuditEvent(dataSource.manager, event(stream, 0))).rejects.toThrow(/seq must be an integer >= 1/);
  });

  it('rolls back with the caller\'s transaction', async () => {
    const stream = `test:${randomUUID()}`;
    await expect(
      dataSource.transaction(async (tx) => {
        await appendAuditEvent(tx, event(stream, 1));
        throw new Error('projection failed');
      }),
    ).rejects.toThrow('projection failed');
    expect(await dataSource.query('SELECT 1 FROM audit_events WHERE stream_id = $1', [stream])).toHaveLength(0);
  });

  it('hashes uuids as PostgreSQL stores them, whatever case the caller used', async () => {
    const stream = `test:${randomUUID()}`;
    const systemId = randomUUID().toUpperCase();
    await appendAuditEvent(dataSource.manager, event(stream, 1, { aiSystemId: systemId, actorId: systemId }));
    expect(await appendAuditEvent(dataSource.manager, event(stream, 1, { aiSystemId: systemId.toLowerCase(), actorId: systemId }))).toBe(
      'duplicate',
    );
    expect((await verifyAuditChain(dataSource, { streamId: stream })).ok).toBe(true);
    await expect(appendAuditEvent(dataSource.manager, event(stream, 2, { actorId: 'admin' }))).rejects.toThrow(/actorId must be a uuid/);
  });

  it('appendNextAuditEvent numbers concurrent appends without gaps or collisions', async () => {
    const stream = `user:${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        appendNextAuditEvent(dataSource.manager, { streamId: stream, eventType: 'token_rotated', payload: { i }, occurredAt: new Date(T0 + i) }),
      ),
    );
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await verifyAuditChain(dataSource, { streamId: stream })).toEqual({ ok: true, streams: 1, events: 25 });

    // inside a caller's transaction the lock is held until that transaction ends
    const inTx = await dataSource.transaction((tx) =>
      appendNextAuditEvent(tx, { streamId: stream, eventType: 'deactivated', payload: {}, occurredAt: new Date(T0 + 99) }),
    );
    expect(inTx.seq).toBe(26);
  });

  it('hashes in the database exactly what verification recomputes, beyond ASCII too', async () => {
    const stream = `test:ünï-${randomUUID()}`;
    const systemId = randomUUID();
    const payload = { note: 'Zürich 🚦 \u2028 "quoted" \\ back', emoji: '👩‍⚖️', nested: { z: [1.5, -0, 1e21], a: null } };
    // in a transaction the appends run as statements prepared on its connection, outside one unprepared: both kinds here
    await dataSource.transaction((tx) => appendAuditEvent(tx, event(stream, 1, { payload, aiSystemId: systemId, actorLabel: 'Åsa Ørsted' })));
    await appendNextAuditEvent(dataSource.manager, { streamId: stream, eventType: 'noted', aiSystemId: systemId, payload, occurredAt: new Date(T0 + 5) });
    await dataSource.transaction((tx) => appendAuditEvent(tx, event(stream, 3, { payload: 'plain ✓' })));
    await appendAuditEvent(dataSource.manager, event(stream, 4, { payload: { again: 'ü' } }));
    const prepared = await dataSource.transaction(async (tx) => {
      await appendAuditEvent(tx, event(stream, 5));
      return tx.query(`SELECT name FROM pg_prepared_statements WHERE name LIKE 'aigov_audit_%' ORDER BY name`);
    });
    expect(prepared).toContainEqual({ name: 'aigov_audit_insert_after_previous' });
    const rows = await dataSource.query('SELECT seq, hash FROM audit_events WHERE stream_id = $1 ORDER BY seq', [stream]);
    expect(rows[0].hash).toBe(computeAuditHash(GENESIS_HASH, event(stream, 1, { payload, aiSystemId: systemId, actorLabel: 'Åsa Ørsted' })));
    expect(await verifyAuditChain(dataSource, { streamId: stream })).toEqual({ ok: true, streams: 1, events: 5 });
    // the statement-level trigger still advances the system's head when the append is one statement
    expect(await dataSource.query('SELECT events::int FROM audit_system_heads WHERE ai_system_id = $1', [systemId])).toEqual([{ events: 2 }]);
  });

  it('writers racing for one seq: one inserts, the same event is a duplicate, a different one is refused', async () => {
    const stream = `test:${randomUUID()}`;
    await appendStream(dataSource, stream, 1);
    const same = await Promise.all(Array.from({ length: 6 }, () => appendAuditEvent(dataSource.manager, event(stream, 2))));
    expect(same.filter((r) => r === 'inserted')).toHaveLength(1);
    expect(same.filter((r) => r === 'duplicate')).toHaveLength(5);
    const different = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => appendAuditEvent(dataSource.manager, event(stream, 3, { payload: { writer: i } }))),
    );
    expect(different.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = different.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(5);
    for (const r of refused) expect(String(r.reason)).toMatch(/seq 3 already holds a different event/);
    expect(await verifyAuditChain(dataSource, { streamId: stream })).toEqual({ ok: true, streams: 1, events: 3 });
  });

  it('an open append holds back only its own stream: the same seq waits for it, other streams do not', async () => {
    const held = `test:held-${randomUUID()}`;
    const other = `test:other-${randomUUID()}`;
    const users = { held: `user:held-${randomUUID()}`, other: `user:other-${randomUUID()}` };
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let appended!: () => void;
    const inside = new Promise<void>((resolve) => (appended = resolve));
    const holder = dataSource.transaction(async (tx) => {
      await appendAuditEvent(tx, event(held, 1));
      await appendNextAuditEvent(tx, { streamId: users.held, eventType: 'held', payload: {}, occurredAt: new Date(T0) });
      appended();
      await released;
    });
    await inside;
    const order: string[] = [];
    const sameSeq = appendAuditEvent(dataSource.manager, event(held, 1)).then((r) => (order.push('same seq'), r));
    const nextOnHeld = appendNextAuditEvent(dataSource.manager, { streamId: users.held, eventType: 'queued', payload: {}, occurredAt: new Date(T0 + 1) }).then(
      (r) => (order.push('next on held stream'), r),
    );
    // both finish while the holder's transaction is still open
    expect(await appendAuditEvent(dataSource.manager, event(other, 1))).toBe('inserted');
    expect(await appendNextAuditEvent(dataSource.manager, { streamId: users.other, eventType: 'free', payload: {}, occurredAt: new Date(T0) })).toMatchObject({ seq: 1 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(order).toEqual([]);
    order.push('holder commits');
    release();
    await holder;
    expect(await sameSeq).toBe('duplicate');
    expect((await nextOnHeld).seq).toBe(2);
    expect(order[0]).toBe('holder commits');
    for (const stream of [held, other, users.held, users.other]) expect((await verifyAuditChain(dataSource, { streamId: stream })).ok).toBe(true);
  });

  it('the database refuses UPDATE and DELETE of audit events', async () => {
    const stream = `test:${randomUUID()}`;
    await appendStream(dataSource, stream, 1);
    await expect(dataSource.query(`UPDATE audit_events SET payload = '{}' WHERE stream_id = $1`, [stream])).rejects.toThrow(
      'audit events are append-only',
    );
    await expect(dataSource.query('DELETE FROM audit_events WHERE stream_id = $1', [stream])).rejects.toThrow('audit events are append-only');
    expect(await dataSource.query('SELECT 1 FROM audit_events WHERE stream_id = $1', [stream])).toHaveLength(1);
  });
});

describe('audit chain verification', () => {
  // Private database: these tests damage the trail on purpose.
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await startTestDatabase();
    dataSource = await createDataSource(db.url, { poolSize: 4 }).initialize();
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.stop();
  });

  /** What an attacker (or a careless superuser) could do once the trigger is out of the way. */
  async function tamper(sql: string | string[], params: unknown[]): Promise<void> {
    await dataSource.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_events DISABLE TRIGGER ALL');
      for (const statement of [sql].flat()) await tx.query(statement, params);
      await tx.query('ALTER TABLE audit_events ENABLE TRIGGER ALL');
    });
  }

  async function idOf(stream: string, seq: number): Promise<string> {
    const [row] = await dataSource.query('SELECT id FROM audit_events WHERE stream_id = $1 AND seq = $2', [stream, seq]);
    return row.id;
  }

  it('passes on an intact trail and pages through it in batches', async () => {
    await appendStream(dataSource, 'verify:a-intact', 12);
    await appendStream(dataSource, 'verify:b-intact', 5);
    await appendStream(dataSource, 'verify:c-intact', 1);
    const expected = { ok: true, streams: 3, events: 18 };
    expect(await verifyAuditChain(dataSource)).toEqual(expected);
    // batch boundaries falling inside a stream, on its edge, and of size one
    for (const batchSize of [1, 5, 12, 17, 18, 19]) expect(await verifyAuditChain(dataSource, { batchSize })).toEqual(expected);
    expect(await verifyAuditChain(dataSource.manager, { streamId: 'verify:b-intact', batchSize: 2 })).toEqual({ ok: true, streams: 1, events: 5 });
    expect(await verifyAuditChain(dataSource, { streamId: 'verify:none' })).toEqual({ ok: true, streams: 0, events: 0 });
  });

  it('names an edited event', async () => {
    const stream = 'verify:edited';
    await appendStream(dataSource, stream, 6);
    await tamper(`UPDATE audit_events SET payload = jsonb_set(payload, '{seq}', '40') WHERE stream_id = $1 AND seq = 4`, [stream]);
    expect(await verifyAuditChain(dataSource, { streamId: stream, batchSize: 2 })).toEqual({
      ok: false,
      streams: 1,
      events: 4,
      firstBroken: { streamId: stream, seq: 4, id: await idOf(stream, 4), reason: expect.stringMatching(/hash mismatch/) },
    });
  });

  it('names an event whose actor or time was changed', async () => {
    const stream = 'verify:backdated';
    await appendStream(dataSource, stream, 3);
    await tamper(`UPDATE audit_events SET occurred_at = occurred_at - interval '1 day' WHERE stream_id = $1 AND seq = 2`, [stream]);
    expect((await verifyAuditChain(dataSource, { streamId: stream })).firstBroken).toMatchObject({ seq: 2, reason: expect.stringMatching(/hash mismatch/) });
  });

  it('names the event after a deleted one', async () => {
    const stream = 'verify:deleted';
    await appendStream(dataSource, stream, 6);
    await tamper('DELETE FROM audit_events WHERE stream_id = $1 AND seq = 3', [stream]);
    expect((await verifyAuditChain(dataSource, { streamId: stream })).firstBroken).toEqual({
      streamId: stream,
      seq: 4,
      id: await idOf(stream, 4),
      reason: expect.stringMatching(/sequence gap: seq 3 expected after 2, found 4/),
    });

    const headless = 'verify:deleted-first';
    await appendStream(dataSource, headless, 2);
    await tamper('DELETE FROM audit_events WHERE stream_id = $1 AND seq = 1', [headless]);
    expect((await verifyAuditChain(dataSource, { streamId: headless })).firstBroken).toMatchObject({ seq: 2, reason: expect.stringMatching(/starts at seq 2/) });
  });

  it('names reordered events', async () => {
    const stream = 'verify:reordered';
    await appendStream(dataSource, stream, 6);
    await tamper(
      [
        'UPDATE audit_events SET seq = 1000 WHERE stream_id = $1 AND seq = 3',
        'UPDATE audit_events SET seq = 3 WHERE stream_id = $1 AND seq = 4',
        'UPDATE audit_events SET seq = 4 WHERE stream_id = $1 AND seq = 1000',
      ],
      [stream],
    );
    expect((await verifyAuditChain(dataSource, { streamId: stream })).firstBroken).toEqual({
      streamId: stream,
      seq: 3,
      id: await idOf(stream, 3),
      reason: expect.stringMatching(/prev_hash does not match the hash of seq 2/),
    });
  });

  it('names a relinked chain and a re-inserted event', async () => {
    const relinked = 'verify:relinked';
    await appendStream(dataSource, relinked, 4);
    await tamper(`UPDATE audit_events SET prev_hash = repeat('a', 64) WHERE stream_id = $1 AND seq = 3`, [relinked]);
    expect((await verifyAuditChain(dataSource, { streamId: relinked })).firstBroken).toMatchObject({ seq: 3, reason: expect.stringMatching(/prev_hash/) });

    // Deleted and written back identically: the hashes still fit, the ids do not.
    const reinserted = 'verify:reinserted';
    await appendStream(dataSource, reinserted, 5);
    await tamper(
      `WITH gone AS (DELETE FROM audit_events WHERE stream_id = $1 AND seq = 2 RETURNING *)
       INSERT INTO audit_events (stream_id, seq, ai_system_id, event_type, actor_id, actor_label, payload, occurred_at, prev_hash, hash)
       SELECT stream_id, seq, ai_system_id, event_type, actor_id, actor_label, payload, occurred_at, prev_hash, hash FROM gone`,
      [reinserted],
    );
    expect((await verifyAuditChain(dataSource, { streamId: reinserted })).firstBroken).toMatchObject({
      seq: 3,
      reason: expect.stringMatching(/seq 2 was re-inserted/),
    });
  });

  it('over the whole trail reports the first break in (stream_id, seq) order', async () => {
    const result = await verifyAuditChain(dataSource, { batchSize: 3 });
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ streamId: 'verify:backdated', seq: 2 });
  });

  it('walks a long trail in bounded batches', async () => {
    // Written in bulk (hashes computed here) rather than one append at a time, to keep the test quick.
    const streams = 2;
    const perStream = 6_001; // more than one default batch of 5,000, ending just past the boundary
    for (let s = 0; s < streams; s++) {
      const streamId = `verify:z-bulk-${s}`;
      let prev = GENESIS_HASH;
      const rows: unknown[][] = [];
      for (let seq = 1; seq <= perStream; seq++) {
        const e = event(streamId, seq);
        const hash = computeAuditHash(prev, e);
        rows.push([streamId, seq, e.eventType, e.actorId, e.actorLabel, JSON.stringify(e.payload), e.occurredAt, prev, hash]);
        prev = hash;
      }
      for (let i = 0; i < rows.length; i += 1_000) {
        const chunk = rows.slice(i, i + 1_000);
        const values = chunk.map((_, r) => `(${Array.from({ length: 9 }, (_, c) => `$${r * 9 + c + 1}`).join(',')})`).join(',');
        await dataSource.query(
          `INSERT INTO audit_events (stream_id, seq, event_type, actor_id, actor_label, payload, occurred_at, prev_hash, hash) VALUES ${values}`,
          chunk.flat(),
        );
      }
    }
    const bulk = await Promise.all(Array.from({ length: streams }, (_, s) => verifyAuditChain(dataSource, { streamId: `verify:z-bulk-${s}` })));
    expect(bulk).toEqual(Array.from({ length: streams }, () => ({ ok: true, streams: 1, events: perStream })));
  });
});
