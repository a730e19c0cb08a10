import { MigrationInterface, QueryRunner } from 'typeorm';

/** The trigger's body; `dirtyFirst` is the order this migration sets, false the one it replaces. */
function advanceHeads(dirtyFirst: boolean): string {
  const markDirty = `INSERT INTO control_health_dirty (ai_system_id, seq)
          SELECT s, nextval('control_health_dirty_seq') FROM (SELECT DISTINCT ai_system_id AS s FROM new_rows WHERE ai_system_id IS NOT NULL) d ORDER BY s
          ON CONFLICT (ai_system_id) DO UPDATE SET seq = excluded.seq;`;
  const advance = `INSERT INTO audit_system_heads AS h (ai_system_id, events, latest_at)
          SELECT ai_system_id, count(*), max(occurred_at) FROM new_rows WHERE ai_system_id IS NOT NULL GROUP BY ai_system_id ORDER BY ai_system_id
          ON CONFLICT (ai_system_id) DO UPDATE SET events = h.events + excluded.events, latest_at = greatest(h.latest_at, excluded.latest_at);`;
  return `
      CREATE OR REPLACE FUNCTION audit_events_advance_heads() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${dirtyFirst ? markDirty : advance}
        ${dirtyFirst ? advance : markDirty}
        RETURN NULL;
      END $$`;
}

/**
 * One lock order for a system's two control-health rows: its `control_health_dirty` row first,
 * then its `audit_system_heads` row. The audit trigger took them the other way round, while every
 * other evidence table's trigger takes only the dirty row. So a transaction that wrote a task
 * and then an audit event (dirty, then heads) could deadlock with one that wrote only an
 * audit event (heads, then dirty): it did in CI, an owner rating a risk while the system's
 * approval round opened its tasks.
 */
export class AuditHeadsLockOrder1764501100000 implements MigrationInterface {
  name = 'AuditHeadsLockOrder1764501100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(advanceHeads(true));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(advanceHeads(false));
  }
}
