import { appendAuditEvent, computeAuditHash, GENESIS_HASH, verifyAuditChain } from '@aigov/persistence/audit-chain';
import type { BenchContext, ScenarioResult } from './bench-types';
import { round } from './stats-lite';

const BATCH = 5_000;

/**
 * What the hash chain costs: appending an event the way the worker does (look up the previous
 * hash, hash, insert, each in its own transaction) against a plain single-row INSERT of the
 * same row, and how fast a long chain is verified.
 */
export async function runAuditTrail(ctx: BenchContext, opts: { appends: number; verifyEvents: number }): Promise<ScenarioResult> {
  const db = ctx.dataSource;
  const run = `${Date.now()}`;
  const payload = { decision: 'approve', comment: 'benchmark', round: 1 };

  // Interleaved in blocks so both see the same table size, cache and background load.
  let chainedMs = 0;
  let plainMs = 0;
  const streams = 4;
  for (let block = 0; block < opts.appends; block += 250) {
    const n = Math.min(250, opts.appends - block);
    let t0 = performance.now();
    for (let i = block; i < block + n; i++) {
      await db.transaction((tx) =>
        appendAuditEvent(tx, {
          streamId: `bench-chain-${run}-${i % streams}`,
          seq: Math.floor(i / streams) + 1,
          eventType: 'approval.decided',
          actorLabel: 'bench',
          payload,
          occurredAt: new Date(),
        }),
      );
    }
    chainedMs += performance.now() - t0;
    t0 = performance.now();
    for (let i = block; i < block + n; i++) {
      await db.transaction((tx) =>
        tx.query(
          `INSERT INTO audit_events (stream_id, seq, event_type, actor_label, payload, occurred_at, prev_hash, hash)
           VALUES ($1, 1, 'approval.decided', 'bench', $2, now(), $3, $4)`,
          [`bench-plain-${run}-${i}`, payload, GENESIS_HASH, 'f'.repeat(64)],
        ),
      );
    }
    plainMs += performance.now() - t0;
  }
  const chainedUs = (chainedMs * 1000) / opts.appends;
  const plainUs = (plainMs * 1000) / opts.appends;

  // A valid chain of verifyEvents events, hashed here and inserted in batches.
  const streamId = `bench-verify-${run}`;
  const buildStart = performance.now();
  let prev = GENESIS_HASH;
  const start = Date.now() - opts.verifyEvents * 1000;
  for (let from = 0; from < opts.verifyEvents; from += BATCH) {
    const cols = { seq: [] as number[], payload: [] as string[], at: [] as string[], prev: [] as string[], hash: [] as string[] };
    for (let i = from; i < Math.min(opts.verifyEvents, from + BATCH); i++) {
      const event = { streamId, seq: i + 1, eventType: 'bench.event', actorLabel: 'bench', payload: { n: i }, occurredAt: new Date(start + i * 1000) };
      const hash = computeAuditHash(prev, event);
      cols.seq.push(event.seq);
      cols.payload.push(JSON.stringify(event.payload));
      cols.at.push(event.occurredAt.toISOString());
      cols.prev.push(prev);
      cols.hash.push(hash);
      prev = hash;
    }
    await db.query(
      `INSERT INTO audit_events (stream_id, seq, event_type, actor_label, payload, occurred_at, prev_hash, hash)
       SELECT $1, s, 'bench.event', 'bench', p::jsonb, a::timestamptz, ph, h
         FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(s, p, a, ph, h)`,
      [streamId, cols.seq, cols.payload, cols.at, cols.prev, cols.hash],
    );
  }
  const buildSeconds = (performance.now() - buildStart) / 1000;
  const verifyStart = performance.now();
  const verification = await verifyAuditChain(db, { streamId });
  const verifySeconds = (performance.now() - verifyStart) / 1000;
  if (!verification.ok || verification.events !== opts.verifyEvents) {
    throw new Error(`the benchmark chain did not verify: ${JSON.stringify(verification)}`);
  }
  ctx.log(`built a ${opts.verifyEvents}-event chain in ${round(buildSeconds, 1)} s, verified in ${round(verifySeconds, 1)} s`);

  return {
    scenario: 'audit trail',
    metrics: [
      {
        name: 'hash-chained append (own transaction)',
        value: round(chainedUs, 0),
        unit: 'µs',
        baseline: { name: 'plain single-row INSERT (own transaction)', value: round(plainUs, 0), unit: 'µs' },
        ratio: round(chainedUs / plainUs),
        target: '<= 1.3x plain INSERT',
        met: chainedUs / plainUs <= 1.3,
      },
      { name: `verify ${opts.verifyEvents} events`, value: round(opts.verifyEvents / verifySeconds, 0), unit: 'events/s' },
      { name: `verify ${opts.verifyEvents} events, total`, value: round(verifySeconds, 1), unit: 's' },
    ],
    notes: [`${opts.appends} appends of each kind, interleaved in blocks of 250; the chained appends spread over ${streams} streams`],
  };
}
