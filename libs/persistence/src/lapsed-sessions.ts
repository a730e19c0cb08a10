import type { EntityManager } from 'typeorm';
import { type BatchOptions, inBatches } from './batched-delete';

/**
 * Ends every live session (ended_at IS NULL) that lapsed by `now`: past its absolute limit
 * (expires_at) or its idle limit (last_seen_at + `idleTtlMs`). SessionsService.resolve() ends
 * such a session only when its cookie comes back; one never presented again would otherwise stay
 * live for ever and keep the provider's ID token (id_token_hint), which every recorded end clears.
 * The row is kept, as every ended session is: a record of access. Returns the sessions ended.
 *
 * What it records: `ended_reason` 'expired' when the absolute limit came first (or with the idle
 * one), else 'idle'; and `ended_at` the moment it lapsed, LEAST(last_seen_at + idle, expires_at),
 * not this sweep's time. The record of access should say when access ended: the session stopped
 * working at that moment, and the sweep runs up to an hour later (or, after an outage, days
 * later), which says nothing about the person.
 *
 * In batches: each statement locks up to `batchSize` lapsed sessions with FOR UPDATE SKIP LOCKED
 * and ends them, until a statement ends fewer or `maxBatches` ran. The lock rechecks
 * `ended_at IS NULL` (and the limits) on the row's newest version, so a session that a sign-out,
 * a resolve() or another worker's sweep ended first is not touched, and two sweeps at once end
 * each session once; a row another transaction holds is skipped, for the next pass. A session
 * used again meanwhile (touch() moved last_seen_at on) is rechecked the same way.
 *
 * In expires_at order, so the scan follows idx_sessions_live_expires_at (live sessions only,
 * however many ended ones the table keeps) and stops at the batch's end.
 */
export async function endLapsedSessions(
  db: Pick<EntityManager, 'query'>,
  now: Date,
  idleTtlMs: number,
  options: BatchOptions = {},
): Promise<number> {
  return inBatches(options, async (batchSize) => {
    const result: Array<{ n: number }> = await db.query(
      `WITH lapsed AS (
         SELECT id FROM sessions
          WHERE ended_at IS NULL AND (expires_at <= $1 OR last_seen_at + $2::interval <= $1)
          ORDER BY expires_at
          LIMIT $3
          FOR UPDATE SKIP LOCKED
       ), ended AS (
         UPDATE sessions s
            SET ended_at = LEAST(s.last_seen_at + $2::interval, s.expires_at),
                ended_reason = CASE WHEN s.expires_at <= s.last_seen_at + $2::interval THEN 'expired' ELSE 'idle' END,
                id_token_hint = NULL
           FROM lapsed
          WHERE s.id = lapsed.id AND s.ended_at IS NULL
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM ended`,
      [now, `${idleTtlMs} milliseconds`, batchSize],
    );
    // A SELECT around the UPDATE: TypeORM answers a bare UPDATE with [rows, count], a SELECT with its rows.
    return result[0]?.n ?? 0;
  });
}
