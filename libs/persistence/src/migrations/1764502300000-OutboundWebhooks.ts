import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks (issue 16). Subscriptions (URL, wanted event types, the signing secret
 * sealed with AES-256-GCM, active or disabled and why); an outbox of events written by the
 * activity that records each fact, in its transaction (a stable id per event, the receivers'
 * webhook-id, and a dedupe key so a retried activity writes it once); one delivery per event
 * and subscription, driven by its own Temporal workflow; and every attempt of a delivery.
 */
export class OutboundWebhooks1764502300000 implements MigrationInterface {
  name = 'OutboundWebhooks1764502300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_subscriptions" (
        "id" uuid NOT NULL,
        "url" text NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "events" text array NOT NULL,
        "secret_sealed" text NOT NULL,
        "previous_secret_sealed" text,
        "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE,
        "active" boolean NOT NULL DEFAULT true,
        "disabled_reason" character varying(16),
        "disabled_at" TIMESTAMP WITH TIME ZONE,
        "created_by_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_webhook_subscriptions" PRIMARY KEY ("id"),
        CONSTRAINT "ck_webhook_subscriptions_disabled" CHECK ((active = (disabled_at IS NULL)) AND (active = (disabled_reason IS NULL)) AND (disabled_reason IS NULL OR disabled_reason IN ('manual', 'gone'))),
        CONSTRAINT "ck_webhook_subscriptions_events" CHECK (cardinality(events) > 0),
        CONSTRAINT "fk_webhook_subscriptions_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_events" (
        "id" uuid NOT NULL,
        "type" character varying(64) NOT NULL,
        "dedupe_key" text NOT NULL,
        "ai_system_id" uuid,
        "body" jsonb NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "dispatched_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_webhook_events" PRIMARY KEY ("id"),
        CONSTRAINT "uq_webhook_events_dedupe_key" UNIQUE ("dedupe_key")
      )`,
    );
    // The dispatcher's one question, "what is not dispatched yet", reads only this small index.
    await queryRunner.query(`CREATE INDEX "idx_webhook_events_undispatched" ON "webhook_events" ("occurred_at") WHERE dispatched_at IS NULL`);
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" (
        "id" uuid NOT NULL,
        "subscription_id" uuid NOT NULL,
        "event_id" uuid NOT NULL,
        "status" character varying(16) NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "workflow_started_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "settled_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_webhook_deliveries" PRIMARY KEY ("id"),
        CONSTRAINT "uq_webhook_deliveries_subscription_event" UNIQUE ("subscription_id", "event_id"),
        CONSTRAINT "ck_webhook_deliveries_status" CHECK (status IN ('pending', 'delivered', 'failed', 'gone', 'cancelled')),
        CONSTRAINT "fk_webhook_deliveries_subscription" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_webhook_deliveries_event" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`,
    );
    await queryRunner.query(`CREATE INDEX "idx_webhook_deliveries_subscription_created" ON "webhook_deliveries" ("subscription_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "idx_webhook_deliveries_unstarted" ON "webhook_deliveries" ("created_at") WHERE workflow_started_at IS NULL`);
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery_attempts" (
        "id" uuid NOT NULL,
        "delivery_id" uuid NOT NULL,
        "attempt" integer NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "duration_ms" integer NOT NULL,
        "status_code" integer,
        "error" text,
        CONSTRAINT "pk_webhook_delivery_attempts" PRIMARY KEY ("id"),
        CONSTRAINT "uq_webhook_delivery_attempts_delivery_attempt" UNIQUE ("delivery_id", "attempt"),
        CONSTRAINT "fk_webhook_delivery_attempts_delivery" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_delivery_attempts"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_events"`);
    await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
  }
}
