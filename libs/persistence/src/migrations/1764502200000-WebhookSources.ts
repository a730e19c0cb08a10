import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook sources (issue 16): each monitoring sender with its own encrypted signing secret (and
 * the previous one during a rotation), the AI systems it may act on, and the webhook-ids it
 * delivered inside the tolerance window, unique per source so a replay is refused.
 */
export class WebhookSources1764502200000 implements MigrationInterface {
  name = 'WebhookSources1764502200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_sources" (
        "id" uuid NOT NULL,
        "name" character varying(100) NOT NULL,
        "secret_ciphertext" text NOT NULL,
        "previous_secret_ciphertext" text,
        "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE,
        "secret_created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "all_systems" boolean NOT NULL,
        "active" boolean NOT NULL,
        "disabled_at" TIMESTAMP WITH TIME ZONE,
        "created_by_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_webhook_sources" PRIMARY KEY ("id"),
        CONSTRAINT "ck_webhook_sources_previous_secret" CHECK ((previous_secret_ciphertext IS NULL) = (previous_secret_expires_at IS NULL)),
        CONSTRAINT "ck_webhook_sources_disabled" CHECK ((active AND disabled_at IS NULL) OR (NOT active AND disabled_at IS NOT NULL)),
        CONSTRAINT "fk_webhook_sources_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`,
    );
    // Names are unique whatever their case, so two sources cannot be confused in a list.
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_webhook_sources_name" ON "webhook_sources" (lower("name"))`);
    await queryRunner.query(
      `CREATE TABLE "webhook_source_ai_systems" (
        "source_id" uuid NOT NULL,
        "ai_system_id" uuid NOT NULL,
        CONSTRAINT "pk_webhook_source_ai_systems" PRIMARY KEY ("source_id", "ai_system_id"),
        CONSTRAINT "fk_webhook_source_ai_systems_source" FOREIGN KEY ("source_id") REFERENCES "webhook_sources"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_webhook_source_ai_systems_ai_system" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`,
    );
    await queryRunner.query(`CREATE INDEX "idx_webhook_source_ai_systems_ai_system_id" ON "webhook_source_ai_systems" ("ai_system_id")`);
    await queryRunner.query(
      `CREATE TABLE "webhook_receipts" (
        "source_id" uuid NOT NULL,
        "webhook_id" character varying(255) NOT NULL,
        "webhook_timestamp" TIMESTAMP WITH TIME ZONE NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "monitoring_event_id" uuid,
        CONSTRAINT "pk_webhook_receipts" PRIMARY KEY ("source_id", "webhook_id"),
        CONSTRAINT "fk_webhook_receipts_source" FOREIGN KEY ("source_id") REFERENCES "webhook_sources"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`,
    );
    await queryRunner.query(`CREATE INDEX "idx_webhook_receipts_webhook_timestamp" ON "webhook_receipts" ("webhook_timestamp")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_receipts"`);
    await queryRunner.query(`DROP TABLE "webhook_source_ai_systems"`);
    await queryRunner.query(`DROP TABLE "webhook_sources"`);
  }
}
