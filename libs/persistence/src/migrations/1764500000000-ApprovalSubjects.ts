import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Approval rounds for subjects other than an AI system (a Statement of Applicability version, a
 * risk acceptance): tasks name their subject by kind and id, and `ai_system_id` is set exactly
 * for an AI system's tasks. Existing tasks become the AI system's. Going down needs every task
 * to be an AI system's again (the NOT NULL on ai_system_id refuses otherwise), so no approval
 * of another subject is silently thrown away.
 */
export class ApprovalSubjects1764500000000 implements MigrationInterface {
  name = 'ApprovalSubjects1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tasks" ADD "subject_kind" text NOT NULL DEFAULT 'ai_system'`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "subject_id" uuid`);
    await queryRunner.query(`UPDATE "tasks" SET "subject_id" = "ai_system_id"`);
    await queryRunner.query(`ALTER TABLE "tasks" ALTER COLUMN "subject_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "tasks" ALTER COLUMN "ai_system_id" DROP NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_tasks_subject_kind_subject_id" ON "tasks" ("subject_kind", "subject_id")`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "ck_tasks_subject_kind" CHECK (subject_kind IN ('ai_system', 'soa', 'risk_acceptance'))`);
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD CONSTRAINT "ck_tasks_ai_system_subject" CHECK (subject_kind <> 'ai_system' OR (ai_system_id IS NOT NULL AND subject_id = ai_system_id))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "ck_tasks_ai_system_subject"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "ck_tasks_subject_kind"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_subject_kind_subject_id"`);
    await queryRunner.query(`ALTER TABLE "tasks" ALTER COLUMN "ai_system_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "subject_id"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "subject_kind"`);
  }
}
