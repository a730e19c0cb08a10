import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Statement of Applicability as a governed document: its versions (one open draft at a
 * time; published ones frozen with their canonical JSON and its SHA-256) and an entry per
 * control. Generated from the entities' schema diff.
 */
export class StatementOfApplicability1764500050000 implements MigrationInterface {
  name = 'StatementOfApplicability1764500050000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "soa_versions" ("id" uuid NOT NULL, "version" integer NOT NULL, "status" text NOT NULL, "is_open" boolean NOT NULL DEFAULT false, "editor_ids" jsonb NOT NULL DEFAULT '[]', "approval_round" integer NOT NULL DEFAULT '0', "workflow_id" text, "submission_key" uuid, "submitted_by_id" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "last_outcome" jsonb, "document" jsonb, "sha256" text, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_soa_versions_frozen" CHECK (status IN ('draft', 'in_approval') OR (document IS NOT NULL AND sha256 IS NOT NULL AND published_at IS NOT NULL)), CONSTRAINT "ck_soa_versions_status" CHECK (status IN ('draft', 'in_approval', 'published', 'superseded')), CONSTRAINT "pk_soa_versions" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_soa_versions_one_open" ON "soa_versions" ("is_open") WHERE is_open`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_soa_versions_version" ON "soa_versions" ("version") `);
    await queryRunner.query(`CREATE TABLE "soa_entries" ("version_id" uuid NOT NULL, "framework" text NOT NULL, "ref" text NOT NULL, "applicable" boolean NOT NULL, "justification" text NOT NULL, "implementation_status" text NOT NULL, "owner_id" uuid, "risk_ids" jsonb NOT NULL DEFAULT '[]', "evidence_notes" text, "updated_by_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_soa_entries_justification" CHECK (length(btrim(justification)) > 0), CONSTRAINT "ck_soa_entries_implementation_status" CHECK (implementation_status IN ('not_started', 'planned', 'partial', 'implemented')), CONSTRAINT "ck_soa_entries_framework" CHECK (framework IN ('iso42001', 'iso27001')), CONSTRAINT "pk_soa_entries" PRIMARY KEY ("version_id", "framework", "ref"))`);
    await queryRunner.query(`CREATE INDEX "idx_soa_entries_owner_id" ON "soa_entries" ("owner_id") `);
    await queryRunner.query(`ALTER TABLE "soa_entries" ADD CONSTRAINT "fk_soa_entries_version" FOREIGN KEY ("version_id") REFERENCES "soa_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "soa_entries" ADD CONSTRAINT "fk_soa_entries_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "soa_entries" DROP CONSTRAINT "fk_soa_entries_owner"`);
    await queryRunner.query(`ALTER TABLE "soa_entries" DROP CONSTRAINT "fk_soa_entries_version"`);
    await queryRunner.query(`DROP INDEX "public"."idx_soa_entries_owner_id"`);
    await queryRunner.query(`DROP TABLE "soa_entries"`);
    await queryRunner.query(`DROP INDEX "public"."uq_soa_versions_version"`);
    await queryRunner.query(`DROP INDEX "public"."uq_soa_versions_one_open"`);
    await queryRunner.query(`DROP TABLE "soa_versions"`);
  }
}
