import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operating AI systems: PDCA items, management reviews, internal audits, material changes,
 * and the review checklist and evidence on tasks. Generated from the entities' schema diff.
 */
export class OperatingGovernance1763960400000 implements MigrationInterface {
  name = 'OperatingGovernance1763960400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "pdca_items" ("id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "description" text NOT NULL, "phase" text NOT NULL, "ai_system_id" uuid, "source_type" text NOT NULL, "source_id" text, "owner_id" uuid, "root_cause" text, "planned_action" text, "due_at" TIMESTAMP WITH TIME ZONE, "completion_note" text, "completed_by_id" uuid, "completed_at" TIMESTAMP WITH TIME ZONE, "evidence" jsonb NOT NULL DEFAULT '[]', "verified_by_id" uuid, "effective" boolean, "verification_note" text, "verified_at" TIMESTAMP WITH TIME ZONE, "reopen_count" integer NOT NULL DEFAULT '0', "reminded_at" TIMESTAMP WITH TIME ZONE, "escalated_at" TIMESTAMP WITH TIME ZONE, "workflow_id" text NOT NULL, "projection_seq" integer NOT NULL DEFAULT '0', "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_pdca_items_source_type" CHECK (source_type IN ('ai_system', 'review', 'incident', 'audit_finding', 'management_review', 'other')), CONSTRAINT "ck_pdca_items_phase" CHECK (phase IN ('plan', 'do', 'check', 'closed')), CONSTRAINT "ck_pdca_items_kind" CHECK (kind IN ('nonconformity', 'corrective_action', 'improvement')), CONSTRAINT "pk_pdca_items" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_pdca_items_ai_system_id" ON "pdca_items" ("ai_system_id")`);
    await queryRunner.query(`CREATE INDEX "idx_pdca_items_owner_id_phase" ON "pdca_items" ("owner_id", "phase")`);
    await queryRunner.query(`CREATE INDEX "idx_pdca_items_phase_due_at" ON "pdca_items" ("phase", "due_at")`);
    await queryRunner.query(`CREATE TABLE "management_reviews" ("id" uuid NOT NULL, "workflow_id" text NOT NULL, "status" text NOT NULL DEFAULT 'scheduled', "convened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "meeting_at" TIMESTAMP WITH TIME ZONE NOT NULL, "agenda" jsonb NOT NULL, "participants" jsonb NOT NULL DEFAULT '[]', "minutes" text, "attendee_ids" jsonb NOT NULL DEFAULT '[]', "decisions" jsonb NOT NULL DEFAULT '[]', "recorded_by_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE, "reminded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_management_reviews_workflow_id" UNIQUE ("workflow_id"), CONSTRAINT "ck_management_reviews_status" CHECK (status IN ('scheduled', 'held')), CONSTRAINT "pk_management_reviews" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_management_reviews_meeting_at" ON "management_reviews" ("meeting_at")`);
    await queryRunner.query(`CREATE TABLE "internal_audits" ("id" uuid NOT NULL, "workflow_id" text NOT NULL, "status" text NOT NULL DEFAULT 'open', "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "scope" jsonb NOT NULL, "auditors" jsonb NOT NULL DEFAULT '[]', "summary" text, "findings" jsonb NOT NULL DEFAULT '[]', "completed_by_id" uuid, "completed_at" TIMESTAMP WITH TIME ZONE, "reminded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_internal_audits_workflow_id" UNIQUE ("workflow_id"), CONSTRAINT "ck_internal_audits_status" CHECK (status IN ('open', 'completed')), CONSTRAINT "pk_internal_audits" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_internal_audits_due_at" ON "internal_audits" ("due_at")`);
    await queryRunner.query(`CREATE TABLE "material_changes" ("id" uuid NOT NULL, "ai_system_id" uuid NOT NULL, "kinds" jsonb NOT NULL, "description" text NOT NULL, "proposed_version" text NOT NULL, "model_artifact" jsonb, "data_artifacts" jsonb NOT NULL DEFAULT '[]', "new_purpose" text, "new_affected_groups" jsonb NOT NULL DEFAULT '[]', "status" text NOT NULL, "running_version" text, "assessment_version" integer, "approval_round" integer, "proposed_by_id" uuid NOT NULL, "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "deployed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_material_changes_status" CHECK (status IN ('assessment', 'approval', 'approved', 'deployed', 'rejected', 'returned')), CONSTRAINT "pk_material_changes" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_material_changes_ai_system_id" ON "material_changes" ("ai_system_id")`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "checklist" jsonb`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "evidence" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "pdca_items" ADD CONSTRAINT "fk_pdca_items_ai_system" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pdca_items" ADD CONSTRAINT "fk_pdca_items_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "material_changes" ADD CONSTRAINT "fk_material_changes_ai_system" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "material_changes" DROP CONSTRAINT "fk_material_changes_ai_system"`);
    await queryRunner.query(`ALTER TABLE "pdca_items" DROP CONSTRAINT "fk_pdca_items_owner"`);
    await queryRunner.query(`ALTER TABLE "pdca_items" DROP CONSTRAINT "fk_pdca_items_ai_system"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "evidence"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "checklist"`);
    await queryRunner.query(`DROP INDEX "public"."idx_material_changes_ai_system_id"`);
    await queryRunner.query(`DROP TABLE "material_changes"`);
    await queryRunner.query(`DROP INDEX "public"."idx_internal_audits_due_at"`);
    await queryRunner.query(`DROP TABLE "internal_audits"`);
    await queryRunner.query(`DROP INDEX "public"."idx_management_reviews_meeting_at"`);
    await queryRunner.query(`DROP TABLE "management_reviews"`);
    await queryRunner.query(`DROP INDEX "public"."idx_pdca_items_phase_due_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_pdca_items_owner_id_phase"`);
    await queryRunner.query(`DROP INDEX "public"."idx_pdca_items_ai_system_id"`);
    await queryRunner.query(`DROP TABLE "pdca_items"`);
  }
}
