import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Post-market monitoring plans (one row per version, never updated), the documentation
 * statements that complete the Annex IV documentation and the fundamental rights impact
 * assessment, and a review task's checks against the plan (tasks.monitoring_checks: the plan
 * version, each metric with its threshold as it stood, the value observed and the follow-up).
 */
export class MonitoringPlansAndDocumentation1764503400000 implements MigrationInterface {
  name = 'MonitoringPlansAndDocumentation1764503400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "monitoring_plans" (
        "id" uuid NOT NULL,
        "ai_system_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "responsible_id" uuid NOT NULL,
        "metrics" jsonb NOT NULL,
        "feedback" text NOT NULL,
        "change_note" text,
        "created_by_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_monitoring_plans" PRIMARY KEY ("id"),
        CONSTRAINT "uq_monitoring_plans_ai_system_id_version" UNIQUE ("ai_system_id", "version"),
        CONSTRAINT "ck_monitoring_plans_version" CHECK (version >= 1),
        CONSTRAINT "fk_monitoring_plans_ai_system" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_monitoring_plans_responsible" FOREIGN KEY ("responsible_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_monitoring_plans_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`,
    );
    await queryRunner.query(
      `CREATE TABLE "documentation_statements" (
        "ai_system_id" uuid NOT NULL,
        "statement_key" text NOT NULL,
        "text" text NOT NULL,
        "version" integer NOT NULL,
        "updated_by_id" uuid NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_documentation_statements" PRIMARY KEY ("ai_system_id", "statement_key"),
        CONSTRAINT "ck_documentation_statements_version" CHECK (version >= 1),
        CONSTRAINT "fk_documentation_statements_ai_system" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_documentation_statements_updated_by" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`,
    );
    await queryRunner.query(`ALTER TABLE "tasks" ADD "monitoring_checks" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "monitoring_checks"`);
    await queryRunner.query(`DROP TABLE "documentation_statements"`);
    await queryRunner.query(`DROP TABLE "monitoring_plans"`);
  }
}
