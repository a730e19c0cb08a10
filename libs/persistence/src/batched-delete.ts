import type { EntityManager } from 'typeorm';

export interface BatchOptions {
  /** rows per statement: each statement's locks and WAL stay small */
  batchSize?: number;
  /** statements per call; the next call goes on where this one stopped */
  maxBatches?: number;
  /** called after each statement (an activity's heartbeat) */
  afterBatch?: () => void;
}

/**
 * Deletes from `table` the rows whose ids `selectIds` picks, `batchSize` at a time, until a
 * statement finds fewer than that or `maxBatches` ran; returns the rows deleted. `selectIds` is
 * a SELECT of `id` that takes the cutoff as $1 and the batch size as $2 (LIMIT $2), oldest
 * first so that an unfinished purge leaves the youngest rows. Safe from several processes at
 * once: a row another statement deleted first is not deleted twice.
 */
export async function deleteInBatches(
  db: Pick<EntityManager, 'query'>,
  table: string,
  selectIds: string,
  cutoff: Date,
  options: BatchOptions = {},
): Promise<number> {
  return inBatches(options, async (batchSize) => {
    const result: Array<{ n: number }> = await db.query(
      `WITH doomed AS (${selectIds}), deleted AS (DELETE FROM ${table} WHERE id IN (SELECT id FROM doomed) RETURNING 1)
       SELECT count(*)::int AS n FROM deleted`,
      [cutoff, batchSize],
    );
    // A SELECT around the DELETE: TypeORM answers a bare DELETE with [rows, count], a SELECT with its rows.
    return result[0]?.n ?? 0;
  });
}

/**
 * Runs `statement` (which handles at most `batchSize` rows and says how many it did) until one
 * does fewer than that or `maxBatches` ran, calling `afterBatch` after each; returns the rows
 * handled in all.
 */
export async function inBatches({ batchSize = 1_000, maxBatches = 20, afterBatch }: BatchOptions, statement: (batchSize: number) => Promise<number>): Promise<number> {
  let handled = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const n = await statement(batchSize);
    handled += n;
    afterBatch?.();
    if (n < batchSize) break;
  }
  return handled;
}
