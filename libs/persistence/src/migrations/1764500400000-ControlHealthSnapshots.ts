import { MigrationInterface, QueryRunner } from 'typeorm';

/** Control health history: one organisation-wide snapshot per day, taken by a Temporal Schedule. */
export class ControlHealthSnapshots1764500400000 implements MigrationInterface {
  name = 'ControlHealthSnapshots1764500400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "control_health_snapshots" (
        "day" date NOT NULL,
        "taken_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "systems" integer NOT NULL,
        "totals" jsonb NOT NULL,
        "by_framework" jsonb NOT NULL,
        "controls" jsonb NOT NULL,
        "soa_version" integer,
        "evidence_map_revision" integer NOT NULL,
        CONSTRAINT "pk_control_health_snapshots" PRIMARY KEY ("day")
      )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "control_health_snapshots"`);
  }
}
