import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Serious incidents (EU AI Act Art. 73): one row per monitoring event marked serious (unique),
 * its category, awareness time and reporting deadline, the clock's steps, and the submission
 * with the report frozen as submitted. Open incidents are read by deadline (dashboard, agenda).
 */
export class SeriousIncidents1764503300000 implements MigrationInterface {
  name = 'SeriousIncidents1764503300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "serious_incidents" (
        "id" uuid NOT NULL,
        "monitoring_event_id" uuid NOT NULL,
        "ai_system_id" uuid NOT NULL,
        "category" text NOT NULL,
        "status" text NOT NULL,
        "summary" text NOT NULL,
        "aware_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "deadline_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "declared_by_id" uuid NOT NULL,
        "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "version_in_operation" text,
        "reminders_sent" integer NOT NULL DEFAULT 0,
        "last_reminded_at" TIMESTAMP WITH TIME ZONE,
        "escalated_at" TIMESTAMP WITH TIME ZONE,
        "overdue_at" TIMESTAMP WITH TIME ZONE,
        "submitted_at" TIMESTAMP WITH TIME ZONE,
        "submission_recorded_at" TIMESTAMP WITH TIME ZONE,
        "submitted_by_id" uuid,
        "authority" text,
        "authority_reference" text,
        "submission_note" text,
        "submitted_late" boolean,
        "report" jsonb,
        "report_sha256" text,
        "workflow_id" text NOT NULL,
        "projection_seq" integer NOT NULL DEFAULT 0,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "uq_serious_incidents_monitoring_event_id" UNIQUE ("monitoring_event_id"),
        CONSTRAINT "ck_serious_incidents_category" CHECK (category IN ('general', 'death', 'widespread_or_critical_infrastructure')),
        CONSTRAINT "ck_serious_incidents_status" CHECK (status IN ('open', 'submitted')),
        CONSTRAINT "pk_serious_incidents" PRIMARY KEY ("id")
      )`,
    );
    await queryRunner.query(`CREATE INDEX "idx_serious_incidents_status_deadline_at" ON "serious_incidents" ("status", "deadline_at")`);
    await queryRunner.query(`CREATE INDEX "idx_serious_incidents_ai_system_id" ON "serious_incidents" ("ai_system_id")`);
    await queryRunner.query(
      `ALTER TABLE "serious_incidents" ADD CONSTRAINT "fk_serious_incidents_monitoring_event" FOREIGN KEY ("monitoring_event_id") REFERENCES "monitoring_events"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "serious_incidents" ADD CONSTRAINT "fk_serious_incidents_ai_system" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "serious_incidents" ADD CONSTRAINT "fk_serious_incidents_declared_by" FOREIGN KEY ("declared_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "serious_incidents" ADD CONSTRAINT "fk_serious_incidents_submitted_by" FOREIGN KEY ("submitted_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "serious_incidents"`);
  }
}
