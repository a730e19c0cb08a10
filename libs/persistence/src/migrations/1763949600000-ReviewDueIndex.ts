import { MigrationInterface, QueryRunner } from 'typeorm';

/** The stage report counts systems in operation whose review is past due; this answers it from the index. */
export class ReviewDueIndex1763949600000 implements MigrationInterface {
  name = 'ReviewDueIndex1763949600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX idx_ai_systems_stage_next_review_at ON ai_systems (stage, next_review_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_ai_systems_stage_next_review_at`);
  }
}
