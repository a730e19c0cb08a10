import { MigrationInterface, QueryRunner } from 'typeorm';

/** Risk review reminders: the review date each risk's owner was last reminded of, so the daily scan reminds once per date. */
export class RiskReviewReminder1764500300000 implements MigrationInterface {
  name = 'RiskReviewReminder1764500300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "risks" ADD "review_reminded_for" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "risks" DROP COLUMN "review_reminded_for"`);
  }
}
