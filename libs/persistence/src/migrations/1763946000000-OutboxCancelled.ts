import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A prompt whose task closed before the mail could go out (decided elsewhere, step settled,
 * delegated) is marked 'cancelled' rather than left 'pending', which would look like mail stuck.
 */
export class OutboxCancelled1763946000000 implements MigrationInterface {
  name = 'OutboxCancelled1763946000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE email_outbox DROP CONSTRAINT ck_email_outbox_status`);
    await queryRunner.query(`ALTER TABLE email_outbox ADD CONSTRAINT ck_email_outbox_status CHECK (status IN ('pending', 'sent', 'cancelled'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE email_outbox SET status = 'pending' WHERE status = 'cancelled'`);
    await queryRunner.query(`ALTER TABLE email_outbox DROP CONSTRAINT ck_email_outbox_status`);
    await queryRunner.query(`ALTER TABLE email_outbox ADD CONSTRAINT ck_email_outbox_status CHECK (status IN ('pending', 'sent'))`);
  }
}
