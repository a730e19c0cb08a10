import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per (caller, Idempotency-Key): the request it was first used with (a hash of method,
 * path and body), whether that request is still running, and its answer once it succeeded
 * (status and the body, encrypted), so a resent write is answered without writing again. The
 * primary key is what makes two concurrent requests with one key meet: one inserts, the other
 * finds the row. Rows expire after a day and are purged by the API.
 */
export class IdempotencyRecords1764502500000 implements MigrationInterface {
  name = 'IdempotencyRecords1764502500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_records (
        principal text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash char(64) NOT NULL,
        state text NOT NULL,
        response_status integer,
        response_body bytea,
        created_at timestamptz NOT NULL,
        locked_until timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT pk_idempotency_records PRIMARY KEY (principal, idempotency_key),
        CONSTRAINT ck_idempotency_records_state CHECK (state IN ('in_progress', 'completed')),
        CONSTRAINT ck_idempotency_records_completed CHECK ((state = 'completed') = (response_status IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX ix_idempotency_records_expires_at ON idempotency_records (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_records`);
  }
}
