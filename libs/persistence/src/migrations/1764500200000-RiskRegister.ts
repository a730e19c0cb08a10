import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unified risk register (information security and AI): risks with inherent and residual
 * ratings on the policy's matrix, treatment, treating controls, owner, rater and acceptance, and
 * the AI systems each concerns. Generated from the entities' schema diff.
 */
export class RiskRegister1764500200000 implements MigrationInterface {
  name = 'RiskRegister1764500200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "risks" ("id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL, "source" text NOT NULL, "assets" jsonb NOT NULL DEFAULT '[]', "threat" text NOT NULL, "affected_parties" jsonb NOT NULL DEFAULT '[]', "inherent_likelihood" text, "inherent_impact" text, "inherent_score" integer, "inherent_rating" text, "residual_likelihood" text, "residual_impact" text, "residual_score" integer, "residual_rating" text, "treatment" text, "controls" jsonb NOT NULL DEFAULT '[]', "pdca_item_ids" jsonb NOT NULL DEFAULT '[]', "owner_id" uuid NOT NULL, "rated_by_id" uuid, "rated_at" TIMESTAMP WITH TIME ZONE, "acceptance" text, "accepted_by_id" uuid, "accepted_at" TIMESTAMP WITH TIME ZONE, "next_review_at" TIMESTAMP WITH TIME ZONE, "status" text NOT NULL, "origin" jsonb, "draft_key" text, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_risks_draft_key" UNIQUE ("draft_key"), CONSTRAINT "ck_risks_acceptance" CHECK (acceptance IN ('needs_approval', 'approved', 'rejected')), CONSTRAINT "ck_risks_status" CHECK (status IN ('draft', 'open', 'accepted', 'closed')), CONSTRAINT "ck_risks_treatment" CHECK (treatment IN ('mitigate', 'accept', 'avoid', 'transfer')), CONSTRAINT "ck_risks_source" CHECK (source IN ('information_security', 'ai', 'both')), CONSTRAINT "pk_risks" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_risks_next_review_at" ON "risks" ("next_review_at")`);
    await queryRunner.query(`CREATE INDEX "idx_risks_owner_id" ON "risks" ("owner_id")`);
    await queryRunner.query(`CREATE INDEX "idx_risks_status" ON "risks" ("status")`);
    await queryRunner.query(`CREATE TABLE "risk_ai_systems" ("risk_id" uuid NOT NULL, "ai_system_id" uuid NOT NULL, CONSTRAINT "pk_risk_ai_systems" PRIMARY KEY ("risk_id", "ai_system_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_risk_ai_systems_ai_system_id" ON "risk_ai_systems" ("ai_system_id")`);
    await queryRunner.query(`ALTER TABLE "risks" ADD CONSTRAINT "fk_risks_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "risks" ADD CONSTRAINT "fk_risks_rated_by" FOREIGN KEY ("rated_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "risks" ADD CONSTRAINT "fk_risks_accepted_by" FOREIGN KEY ("accepted_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "risk_ai_systems" ADD CONSTRAINT "fk_risk_ai_systems_risk" FOREIGN KEY ("risk_id") REFERENCES "risks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "risk_ai_systems" ADD CONSTRAINT "fk_risk_ai_systems_ai_system" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "risk_ai_systems" DROP CONSTRAINT "fk_risk_ai_systems_ai_system"`);
    await queryRunner.query(`ALTER TABLE "risk_ai_systems" DROP CONSTRAINT "fk_risk_ai_systems_risk"`);
    await queryRunner.query(`ALTER TABLE "risks" DROP CONSTRAINT "fk_risks_accepted_by"`);
    await queryRunner.query(`ALTER TABLE "risks" DROP CONSTRAINT "fk_risks_rated_by"`);
    await queryRunner.query(`ALTER TABLE "risks" DROP CONSTRAINT "fk_risks_owner"`);
    await queryRunner.query(`DROP INDEX "public"."idx_risk_ai_systems_ai_system_id"`);
    await queryRunner.query(`DROP TABLE "risk_ai_systems"`);
    await queryRunner.query(`DROP INDEX "public"."idx_risks_status"`);
    await queryRunner.query(`DROP INDEX "public"."idx_risks_owner_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_risks_next_review_at"`);
    await queryRunner.query(`DROP TABLE "risks"`);
  }
}
