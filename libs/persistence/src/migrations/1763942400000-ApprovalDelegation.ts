import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delegation of approval tasks: a delegated task is closed with status 'delegated' and points
 * at the task that replaced it, with the delegator's reason.
 */
export class ApprovalDelegation1763942400000 implements MigrationInterface {
  name = 'ApprovalDelegation1763942400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tasks DROP CONSTRAINT ck_tasks_status`);
    await queryRunner.query(
      `ALTER TABLE tasks ADD CONSTRAINT ck_tasks_status CHECK (status IN ('open', 'decided', 'cancelled', 'expired', 'delegated'))`,
    );
    await queryRunner.query(`ALTER TABLE tasks ADD COLUMN delegated_to_task_id uuid NULL`);
    await queryRunner.query(`ALTER TABLE tasks ADD COLUMN delegation_reason text NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tasks DROP COLUMN delegation_reason`);
    await queryRunner.query(`ALTER TABLE tasks DROP COLUMN delegated_to_task_id`);
    await queryRunner.query(`UPDATE tasks SET status = 'cancelled' WHERE status = 'delegated'`);
    await queryRunner.query(`ALTER TABLE tasks DROP CONSTRAINT ck_tasks_status`);
    await queryRunner.query(`ALTER TABLE tasks ADD CONSTRAINT ck_tasks_status CHECK (status IN ('open', 'decided', 'cancelled', 'expired'))`);
  }
}
