import { MigrationInterface, QueryRunner } from 'typeorm';

/** The version registry: the model and data each deployment ran, with checksums. */
export class DeploymentArtifacts1763953200000 implements MigrationInterface {
  name = 'DeploymentArtifacts1763953200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE deployments ADD COLUMN model_artifact jsonb NULL`);
    await queryRunner.query(`ALTER TABLE deployments ADD COLUMN data_artifacts jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE deployments DROP COLUMN data_artifacts`);
    await queryRunner.query(`ALTER TABLE deployments DROP COLUMN model_artifact`);
  }
}
