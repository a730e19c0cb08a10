import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Manual evidence: documents and links people keep for the controls they name, with an owner
 * and an expiry date. The bytes live in PostgreSQL (`bytea`, at most 10 MiB each, one row per
 * version in manual_evidence_contents) so a document is in the same backup and transaction as
 * its record and its audit event; listing reads only manual_evidence.
 */
export class ManualEvidence1764500500000 implements MigrationInterface {
  name = 'ManualEvidence1764500500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "manual_evidence" (
        "id" uuid NOT NULL,
        "title" character varying(200) NOT NULL,
        "description" text,
        "form" character varying(16) NOT NULL,
        "url" text,
        "media_type" character varying(200),
        "file_name" character varying(200),
        "size_bytes" integer,
        "sha256" character(64),
        "controls" jsonb NOT NULL,
        "ai_system_ids" uuid array NOT NULL DEFAULT '{}',
        "owner_id" uuid NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "status" character varying(16) NOT NULL,
        "version" integer NOT NULL,
        "reminded_for" TIMESTAMP WITH TIME ZONE,
        "escalated_for" TIMESTAMP WITH TIME ZONE,
        "created_by_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "withdrawn_by_id" uuid,
        "withdrawn_at" TIMESTAMP WITH TIME ZONE,
        "withdrawal_reason" text,
        CONSTRAINT "pk_manual_evidence" PRIMARY KEY ("id"),
        CONSTRAINT "fk_manual_evidence_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "ck_manual_evidence_form" CHECK (
          ("form" = 'document' AND "sha256" IS NOT NULL AND "size_bytes" BETWEEN 0 AND 10485760 AND "media_type" IS NOT NULL AND "url" IS NULL)
          OR ("form" = 'link' AND "url" IS NOT NULL AND "sha256" IS NULL AND "size_bytes" IS NULL)
        ),
        CONSTRAINT "ck_manual_evidence_status" CHECK ("status" IN ('current', 'withdrawn'))
      )`,
    );
    await queryRunner.query(`CREATE INDEX "ix_manual_evidence_controls" ON "manual_evidence" USING gin ("controls" jsonb_path_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_manual_evidence_systems" ON "manual_evidence" USING gin ("ai_system_ids")`);
    await queryRunner.query(`CREATE INDEX "ix_manual_evidence_expiry" ON "manual_evidence" ("expires_at") WHERE "status" = 'current'`);
    await queryRunner.query(
      `CREATE TABLE "manual_evidence_contents" (
        "evidence_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "sha256" character(64) NOT NULL,
        "content" bytea NOT NULL,
        "stored_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_manual_evidence_contents" PRIMARY KEY ("evidence_id", "version"),
        CONSTRAINT "fk_manual_evidence_contents_evidence" FOREIGN KEY ("evidence_id") REFERENCES "manual_evidence"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "ck_manual_evidence_contents_size" CHECK (octet_length("content") <= 10485760)
      )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "manual_evidence_contents"`);
    await queryRunner.query(`DROP TABLE "manual_evidence"`);
  }
}
