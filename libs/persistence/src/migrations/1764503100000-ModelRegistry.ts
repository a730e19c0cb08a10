import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MLflow model registry (issue 17):
 * - `ai_systems.registered_model_name`: the registered model a governed system names, unique
 *   among live systems (a retired system frees its name, so a successor can take it);
 * - `webhook_sources.kind`: `standard` (monitoring events signed in the Standard Webhooks scheme)
 *   or `mlflow` (MLflow's own webhook signature); existing sources stay `standard`;
 * - `model_registry_events`: every accepted registry delivery about a governed system, what the
 *   engine did with it, and for a new version the proposal the owner completes or dismisses.
 *   Unique by (source, delivery id) for good, beside the receipts that expire with the window.
 */
export class ModelRegistry1764503100000 implements MigrationInterface {
  name = 'ModelRegistry1764503100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ai_systems" ADD "registered_model_name" character varying(256)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_ai_systems_registered_model_name" ON "ai_systems" ("registered_model_name")
        WHERE "registered_model_name" IS NOT NULL AND "stage" <> 'retired'`,
    );
    await queryRunner.query(`ALTER TABLE "webhook_sources" ADD "kind" character varying(20) NOT NULL DEFAULT 'standard'`);
    await queryRunner.query(`ALTER TABLE "webhook_sources" ADD CONSTRAINT "ck_webhook_sources_kind" CHECK (kind IN ('standard', 'mlflow'))`);
    await queryRunner.query(
      `CREATE TABLE "model_registry_events" (
        "id" uuid NOT NULL,
        "ai_system_id" uuid NOT NULL,
        "source_id" uuid NOT NULL,
        "delivery_id" character varying(255) NOT NULL,
        "event" text NOT NULL,
        "model_name" character varying(256) NOT NULL,
        "model_version" text,
        "alias" text,
        "facts" jsonb NOT NULL,
        "outcome" text NOT NULL,
        "monitoring_event_id" uuid,
        "incident_item_id" uuid,
        "proposal_status" text,
        "material_change_id" uuid,
        "closed_by_id" uuid,
        "closed_at" TIMESTAMP WITH TIME ZONE,
        "dismissal_reason" text,
        "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_model_registry_events" PRIMARY KEY ("id"),
        CONSTRAINT "uq_model_registry_events_delivery" UNIQUE ("source_id", "delivery_id"),
        CONSTRAINT "ck_model_registry_events_event" CHECK (event IN ('registered_model.created', 'model_version.created', 'model_version_tag.set', 'model_version_tag.deleted', 'model_version_alias.created', 'model_version_alias.deleted')),
        CONSTRAINT "ck_model_registry_events_outcome" CHECK (outcome IN ('model_recorded', 'change_proposed', 'version_recorded', 'tag_recorded', 'alias_approved', 'alias_unapproved', 'alias_unguarded', 'alias_removed')),
        CONSTRAINT "ck_model_registry_events_proposal_status" CHECK (proposal_status IN ('open', 'completed', 'dismissed')),
        CONSTRAINT "ck_model_registry_events_proposal" CHECK ((outcome = 'change_proposed') = (proposal_status IS NOT NULL)),
        CONSTRAINT "ck_model_registry_events_closed" CHECK ((proposal_status IS NULL OR proposal_status = 'open') = (closed_at IS NULL)),
        CONSTRAINT "ck_model_registry_events_completed" CHECK (COALESCE(proposal_status = 'completed', false) = (material_change_id IS NOT NULL)),
        CONSTRAINT "fk_model_registry_events_ai_system" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_model_registry_events_source" FOREIGN KEY ("source_id") REFERENCES "webhook_sources"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_model_registry_events_closed_by" FOREIGN KEY ("closed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`,
    );
    await queryRunner.query(`CREATE INDEX "idx_model_registry_events_ai_system_id_received_at" ON "model_registry_events" ("ai_system_id", "received_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "model_registry_events"`);
    await queryRunner.query(`ALTER TABLE "webhook_sources" DROP CONSTRAINT "ck_webhook_sources_kind"`);
    await queryRunner.query(`ALTER TABLE "webhook_sources" DROP COLUMN "kind"`);
    await queryRunner.query(`DROP INDEX "uq_ai_systems_registered_model_name"`);
    await queryRunner.query(`ALTER TABLE "ai_systems" DROP COLUMN "registered_model_name"`);
  }
}
