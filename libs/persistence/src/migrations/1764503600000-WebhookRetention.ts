import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The webhook outbox's retention (purgeSettledWebhookEvents in webhook-outbox.ts): the purge
 * finds settled events by age, and deleting an event cascades to its deliveries, which without
 * an index on their event_id means a scan of every delivery for each event deleted.
 */
export class WebhookRetention1764503600000 implements MigrationInterface {
  name = 'WebhookRetention1764503600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_webhook_events_dispatched_age" ON "webhook_events" ("occurred_at") WHERE dispatched_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_webhook_deliveries_event" ON "webhook_deliveries" ("event_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_webhook_deliveries_event"`);
    await queryRunner.query(`DROP INDEX "idx_webhook_events_dispatched_age"`);
  }
}
