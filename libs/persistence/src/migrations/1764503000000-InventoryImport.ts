import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inventory import (CSV, XLSX):
 * - ai_systems.external_id: the key an import file names a system by (the id in the CMDB or
 *   spreadsheet it comes from). Systems registered through the API have none; their effective
 *   external id is their own id, so an exported file re-imports onto the same systems. The
 *   unique index is on that effective id, so no external id can ever name two systems, not even
 *   one that looks like another system's uuid.
 * - inventory_imports: one row per committed import (who, which file by its SHA-256, counts),
 *   and when the lifecycle workflows of the systems it created had all started.
 * - inventory_import_systems: which systems an import created or updated; a created system
 *   whose workflow_started_at is null still needs its workflow started (the start comes after
 *   the transaction commits, so a failure there is finished later from this table).
 */
export class InventoryImport1764503000000 implements MigrationInterface {
  name = 'InventoryImport1764503000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ai_systems ADD COLUMN external_id text`);
    await queryRunner.query(
      `ALTER TABLE ai_systems ADD CONSTRAINT ck_ai_systems_external_id
         CHECK (external_id IS NULL OR (char_length(external_id) BETWEEN 1 AND 200 AND external_id = btrim(external_id)))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX uq_ai_systems_external_id ON ai_systems ((coalesce(external_id, id::text)))`);
    await queryRunner.query(`
      CREATE TABLE inventory_imports (
        id uuid NOT NULL,
        file_sha256 char(64) NOT NULL,
        file_name text,
        format text NOT NULL,
        sheet_name text,
        row_count integer NOT NULL,
        created_count integer NOT NULL,
        updated_count integer NOT NULL,
        unchanged_count integer NOT NULL,
        imported_by_id uuid NOT NULL,
        imported_by_label text NOT NULL,
        committed_at timestamptz NOT NULL,
        workflows_started_at timestamptz,
        CONSTRAINT pk_inventory_imports PRIMARY KEY (id),
        CONSTRAINT fk_inventory_imports_imported_by FOREIGN KEY (imported_by_id) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT ck_inventory_imports_format CHECK (format IN ('csv', 'xlsx')),
        CONSTRAINT ck_inventory_imports_file_sha256 CHECK (file_sha256 ~ '^[0-9a-f]{64}$')
      )`);
    await queryRunner.query(`CREATE INDEX idx_inventory_imports_committed_at ON inventory_imports (committed_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX idx_inventory_imports_starting ON inventory_imports (committed_at) WHERE workflows_started_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE inventory_import_systems (
        import_id uuid NOT NULL,
        ai_system_id uuid NOT NULL,
        row_number integer NOT NULL,
        action text NOT NULL,
        workflow_started_at timestamptz,
        CONSTRAINT pk_inventory_import_systems PRIMARY KEY (import_id, ai_system_id),
        CONSTRAINT fk_inventory_import_systems_import FOREIGN KEY (import_id) REFERENCES inventory_imports (id) ON DELETE CASCADE,
        CONSTRAINT fk_inventory_import_systems_ai_system FOREIGN KEY (ai_system_id) REFERENCES ai_systems (id) ON DELETE CASCADE,
        CONSTRAINT ck_inventory_import_systems_action CHECK (action IN ('created', 'updated'))
      )`);
    await queryRunner.query(`CREATE INDEX idx_inventory_import_systems_ai_system_id ON inventory_import_systems (ai_system_id)`);
    await queryRunner.query(
      `CREATE INDEX idx_inventory_import_systems_pending ON inventory_import_systems (import_id) WHERE action = 'created' AND workflow_started_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inventory_import_systems`);
    await queryRunner.query(`DROP TABLE inventory_imports`);
    await queryRunner.query(`DROP INDEX uq_ai_systems_external_id`);
    await queryRunner.query(`ALTER TABLE ai_systems DROP CONSTRAINT ck_ai_systems_external_id`);
    await queryRunner.query(`ALTER TABLE ai_systems DROP COLUMN external_id`);
  }
}
