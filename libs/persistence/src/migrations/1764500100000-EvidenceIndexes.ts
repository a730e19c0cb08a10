import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence across systems (GET /controls/{framework}/{ref}/evidence, control health) reads
 * decided reviews and approvals newest first, and rollbacks by the stage they entered; these
 * answer both from an index instead of a scan of every task and stage change.
 */
export class EvidenceIndexes1764500100000 implements MigrationInterface {
  name = 'EvidenceIndexes1764500100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX idx_tasks_kind_status_decided_at ON tasks (kind, status, decided_at)`);
    await queryRunner.query(`CREATE INDEX idx_stage_transitions_to_stage_occurred_at ON stage_transitions (to_stage, occurred_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_stage_transitions_to_stage_occurred_at`);
    await queryRunner.query(`DROP INDEX idx_tasks_kind_status_decided_at`);
  }
}
