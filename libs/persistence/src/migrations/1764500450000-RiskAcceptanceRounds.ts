import { MigrationInterface, QueryRunner } from 'typeorm';

/** Approval rounds that accept a risk above the appetite: one row per round, and the risk's acceptance state `in_approval`. */
export class RiskAcceptanceRounds1764500450000 implements MigrationInterface {
  name = 'RiskAcceptanceRounds1764500450000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "risks" DROP CONSTRAINT "ck_risks_acceptance"`);
    await queryRunner.query(`ALTER TABLE "risks" ADD CONSTRAINT "ck_risks_acceptance" CHECK (acceptance IN ('needs_approval', 'in_approval', 'approved', 'rejected'))`);
    await queryRunner.query(
      `CREATE TABLE "risk_acceptance_rounds" ("risk_id" uuid NOT NULL, "round" integer NOT NULL, "workflow_id" text NOT NULL, "requested_by_id" uuid NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "justification" text NOT NULL, "rated_by_id" uuid, "residual_rating" text NOT NULL, "request_key" text, "outcome" text, "reason" text, "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_risk_acceptance_rounds_request_key" UNIQUE ("request_key"), CONSTRAINT "pk_risk_acceptance_rounds" PRIMARY KEY ("risk_id", "round"))`,
    );
    await queryRunner.query(`ALTER TABLE "risk_acceptance_rounds" ADD CONSTRAINT "fk_risk_acceptance_rounds_risk" FOREIGN KEY ("risk_id") REFERENCES "risks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "risk_acceptance_rounds" ADD CONSTRAINT "fk_risk_acceptance_rounds_requested_by" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "risk_acceptance_rounds"`);
    await queryRunner.query(`UPDATE "risks" SET acceptance = 'needs_approval' WHERE acceptance = 'in_approval'`);
    await queryRunner.query(`ALTER TABLE "risks" DROP CONSTRAINT "ck_risks_acceptance"`);
    await queryRunner.query(`ALTER TABLE "risks" ADD CONSTRAINT "ck_risks_acceptance" CHECK (acceptance IN ('needs_approval', 'approved', 'rejected'))`);
  }
}
