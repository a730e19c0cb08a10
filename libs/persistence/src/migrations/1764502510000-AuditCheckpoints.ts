import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed checkpoints of audit stream heads (libs/persistence/src/audit-checkpoint.ts): a row is
 * added for a stream when its head moved since its last checkpoint (or the signing key changed),
 * so the newest row per stream is what `GET /audit/verify` compares the chain's end with.
 * Append-only like the events they vouch for.
 */
export class AuditCheckpoints1764502510000 implements MigrationInterface {
  name = 'AuditCheckpoints1764502510000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_checkpoints (
        id bigserial PRIMARY KEY,
        stream_id text NOT NULL,
        head_seq integer NOT NULL,
        head_hash char(64) NOT NULL,
        checkpointed_at timestamptz NOT NULL,
        key_id text NOT NULL,
        signature text NOT NULL,
        CONSTRAINT ck_audit_checkpoints_head_seq CHECK (head_seq >= 1)
      )`);
    // the newest checkpoint of each stream: DISTINCT ON (stream_id) ... ORDER BY stream_id, id DESC
    await queryRunner.query(`CREATE INDEX ix_audit_checkpoints_stream_newest ON audit_checkpoints (stream_id, id DESC)`);
    await queryRunner.query(`
      CREATE FUNCTION audit_checkpoints_forbid_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit checkpoints are append-only';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_checkpoints_append_only
      BEFORE UPDATE OR DELETE ON audit_checkpoints
      FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_forbid_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_checkpoints`);
    await queryRunner.query(`DROP FUNCTION audit_checkpoints_forbid_change()`);
  }
}
