import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stage report (GET /reports/lifecycle-stages) counts every system by stage and risk tier and
 * ages them by stage_entered_at: a scan of the whole table (32 MB at 100,000 systems). With
 * stage_entered_at in the (stage, risk_tier) index the report reads the index alone (about 3 MB,
 * already in (stage, risk_tier) order, so no sort or hash either). The wider index replaces the
 * old one, which served only its prefix: the list's stage and tier filters use the prefix just
 * the same, and a stage change rewrites the entry anyway, so writes cost what they did.
 */
export class StageReportIndex1764501010000 implements MigrationInterface {
  name = 'StageReportIndex1764501010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX idx_ai_systems_stage_risk_tier_entered_at ON ai_systems (stage, risk_tier, stage_entered_at)`);
    await queryRunner.query(`DROP INDEX idx_ai_systems_stage_risk_tier`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX idx_ai_systems_stage_risk_tier ON ai_systems (stage, risk_tier)`);
    await queryRunner.query(`DROP INDEX idx_ai_systems_stage_risk_tier_entered_at`);
  }
}
