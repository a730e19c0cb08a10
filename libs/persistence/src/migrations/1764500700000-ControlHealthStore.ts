import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose rows are evidence of one AI system, and how a row names it. */
const EVIDENCE_TABLES: Array<[table: string, names: 'id' | 'ai_system_id' | 'ai_system_ids']> = [
  ['ai_systems', 'id'],
  ['impact_assessments', 'ai_system_id'],
  ['tasks', 'ai_system_id'],
  ['deployments', 'ai_system_id'],
  ['monitoring_events', 'ai_system_id'],
  ['stage_transitions', 'ai_system_id'],
  ['pdca_items', 'ai_system_id'],
  ['material_changes', 'ai_system_id'],
  ['manual_evidence', 'ai_system_ids'],
];
const EVENTS = ['insert', 'update', 'delete'] as const;

/**
 * Control health kept current in PostgreSQL instead of computed for every system on every
 * request (issue 13, "Speed"):
 *
 * - `control_health_systems`: each system's computed part of the organisation-wide summary
 *   (libs/domain/src/evidence/control-health-fold.ts) with `valid_until`, the moment time
 *   alone could change it;
 * - `control_health_state`: one row, the folded summary kept by deltas, the basis it holds for
 *   (evidence map, SoA applicability, policy cadences, organisation-wide evidence state; a new
 *   basis means a rebuild) and the progress of a rebuild;
 * - `control_health_dirty`: the systems whose evidence changed since. Statement-level triggers
 *   on every table evidence is read from mark them, so every writer (workflow activities, API
 *   services, a script) is covered; `seq` changes with every mark, so the refresh removes only
 *   the marks it has seen;
 * - `audit_system_heads`: per system, how many hash-chained audit events name it and the
 *   newest (the audit-chain evidence), advanced in the appending statement by a
 *   statement-level trigger instead of a GROUP BY over the whole trail.
 */
export class ControlHealthStore1764500700000 implements MigrationInterface {
  name = 'ControlHealthStore1764500700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_system_heads" (
        "ai_system_id" uuid NOT NULL,
        "events" bigint NOT NULL,
        "latest_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_audit_system_heads" PRIMARY KEY ("ai_system_id")
      )`,
    );
    await queryRunner.query(
      `INSERT INTO "audit_system_heads" ("ai_system_id", "events", "latest_at")
       SELECT ai_system_id, count(*), max(occurred_at) FROM audit_events WHERE ai_system_id IS NOT NULL GROUP BY ai_system_id`,
    );
    await queryRunner.query(`CREATE SEQUENCE "control_health_dirty_seq"`);
    await queryRunner.query(
      `CREATE TABLE "control_health_dirty" (
        "ai_system_id" uuid NOT NULL,
        "seq" bigint NOT NULL,
        CONSTRAINT "pk_control_health_dirty" PRIMARY KEY ("ai_system_id")
      )`,
    );
    await queryRunner.query(
      `CREATE TABLE "control_health_systems" (
        "ai_system_id" uuid NOT NULL,
        "generation" integer NOT NULL,
        "part" jsonb NOT NULL,
        "valid_until" TIMESTAMP WITH TIME ZONE,
        "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_control_health_systems" PRIMARY KEY ("ai_system_id")
      )`,
    );
    await queryRunner.query(`CREATE INDEX "idx_control_health_systems_valid_until" ON "control_health_systems" ("valid_until")`);
    // Both tables churn (marks come and go with every write and refresh; parts are rewritten) and
    // every report looks at the head of an index of each: vacuum them after a thousand dead rows,
    // not after a fifth of the table, or a bulk import leaves a report walking 100,000 dead entries.
    await queryRunner.query(`ALTER TABLE "control_health_dirty" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000)`);
    await queryRunner.query(`ALTER TABLE "control_health_systems" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000)`);
    // finds the systems that still give a reason once the one holding its example has changed
    await queryRunner.query(`CREATE INDEX "idx_control_health_systems_reasons" ON "control_health_systems" USING gin (("part" -> 'r'))`);
    await queryRunner.query(
      `CREATE TABLE "control_health_state" (
        "id" smallint NOT NULL,
        "generation" integer NOT NULL DEFAULT 0,
        "basis" text,
        "applicability" jsonb,
        "evidence_map_revision" integer,
        "controls" jsonb,
        "fold" jsonb,
        "as_of" TIMESTAMP WITH TIME ZONE,
        "rebuild" jsonb,
        CONSTRAINT "pk_control_health_state" PRIMARY KEY ("id"),
        CONSTRAINT "ck_control_health_state_one_row" CHECK ("id" = 1)
      )`,
    );
    await queryRunner.query(`INSERT INTO "control_health_state" ("id") VALUES (1)`);

    await queryRunner.query(`
      CREATE FUNCTION control_health_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- TG_ARGV[0]: how a row names its AI system. Static statements, so each is planned once per table.
        IF TG_ARGV[0] = 'id' THEN
          IF TG_OP <> 'DELETE' THEN
            INSERT INTO control_health_dirty (ai_system_id, seq)
              SELECT s, nextval('control_health_dirty_seq') FROM (SELECT DISTINCT id AS s FROM new_rows) d ORDER BY s
              ON CONFLICT (ai_system_id) DO UPDATE SET seq = excluded.seq;
          END IF;
          IF TG_OP = 'DELETE' THEN
            INSERT INTO control_health_dirty (ai_system_id, seq)
              SELECT s, nextval('control_health_dirty_seq') FROM (SELECT DISTINCT id AS s FROM old_rows) d ORDER BY s
              ON CONFLICT (ai_system_id) DO UPDATE SET seq = excluded.seq;
          END IF;
        ELSIF TG_ARGV[0] = 'ai_system_ids' THEN
          IF TG_OP <> 'DELETE' THEN
            INSERT INTO control_health_dirty (ai_system_id, seq)
              SELECT s, nextval('control_health_dirty_seq') FROM (SELECT DISTINCT unnest(ai_system_ids) AS s FROM new_rows) d ORDER BY s
              ON CONFLICT (ai_system_id) DO UPDATE SET seq = excluded.seq;
          END IF;
          IF TG_OP <> 'INSERT' THEN
            INSERT INTO control_health_dirty (ai_system_id, seq)
              SELECT s, nextval('control_health_dirty_seq') FROM (SELECT DISTINCT unnest(ai_system_ids) AS s FROM old_rows) d ORDER BY s
              ON CONFLICT (ai_system_id) DO UPDATE SET seq = excluded.seq;
          END IF;
        ELSE
          IF TG_OP <> 'DELETE' THEN
            INSERT INTO control_health_dirty (ai_system_id, seq)
              SELECT s, nextval('control_health_dirty_seq') FROM (SELECT DISTINCT ai_system_id AS s FROM new_rows WHERE ai_system_id IS NOT NULL) d ORDER BY s
              ON CONFLICT (ai_system_id) DO UPDATE SET seq = excluded.seq;
          END IF;
          IF TG_OP <> 'INSERT' THEN
            INSERT INTO control_health_dirty (ai_system_id, seq)
              SELECT s, nextval('control_health_dirty_seq') FROM (SELECT DISTINCT ai_system_id AS s FROM old_rows WHERE ai_system_id IS NOT NULL) d ORDER BY s
              ON CONFLICT (ai_system_id) DO UPDATE SET seq = excluded.seq;
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    for (const [table, names] of EVIDENCE_TABLES) {
      for (const event of EVENTS) {
        const transition = event === 'insert' ? 'NEW TABLE AS new_rows' : event === 'delete' ? 'OLD TABLE AS old_rows' : 'NEW TABLE AS new_rows OLD TABLE AS old_rows';
        await queryRunner.query(
          `CREATE TRIGGER ${table}_control_health_${event} AFTER ${event.toUpperCase()} ON ${table}
           REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION control_health_mark_dirty('${names}')`,
        );
      }
    }

    // Audit events are only ever inserted (a trigger refuses UPDATE and DELETE).
    await queryRunner.query(`
      CREATE FUNCTION audit_events_advance_heads() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO audit_system_heads AS h (ai_system_id, events, latest_at)
          SELECT ai_system_id, count(*), max(occurred_at) FROM new_rows WHERE ai_system_id IS NOT NULL GROUP BY ai_system_id ORDER BY ai_system_id
          ON CONFLICT (ai_system_id) DO UPDATE SET events = h.events + excluded.events, latest_at = greatest(h.latest_at, excluded.latest_at);
        INSERT INTO control_health_dirty (ai_system_id, seq)
          SELECT s, nextval('control_health_dirty_seq') FROM (SELECT DISTINCT ai_system_id AS s FROM new_rows WHERE ai_system_id IS NOT NULL) d ORDER BY s
          ON CONFLICT (ai_system_id) DO UPDATE SET seq = excluded.seq;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_events_heads AFTER INSERT ON audit_events
       REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_events_advance_heads()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_events_heads ON audit_events`);
    await queryRunner.query(`DROP FUNCTION audit_events_advance_heads()`);
    for (const [table] of [...EVIDENCE_TABLES].reverse()) {
      for (const event of EVENTS) await queryRunner.query(`DROP TRIGGER ${table}_control_health_${event} ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION control_health_mark_dirty()`);
    await queryRunner.query(`DROP TABLE "control_health_state"`);
    await queryRunner.query(`DROP TABLE "control_health_systems"`);
    await queryRunner.query(`DROP TABLE "control_health_dirty"`);
    await queryRunner.query(`DROP SEQUENCE "control_health_dirty_seq"`);
    await queryRunner.query(`DROP TABLE "audit_system_heads"`);
  }
}
