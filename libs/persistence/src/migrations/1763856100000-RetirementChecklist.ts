import { MigrationInterface, QueryRunner } from 'typeorm';

/** The decommission checklist is part of the read model while a system is being retired. */
export class RetirementChecklist1763856100000 implements MigrationInterface {
  name = 'RetirementChecklist1763856100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ai_systems ADD COLUMN retirement_checklist jsonb NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ai_systems DROP COLUMN retirement_checklist`);
  }
}
