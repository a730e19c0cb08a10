import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worker ends lapsed sessions once an hour (endLapsedSessions in lapsed-sessions.ts). Ended
 * sessions are kept as a record of access, so the table grows for ever while the live sessions
 * stay few; this index holds only the live ones, in expires_at order, so the sweep reads those
 * and not the history. On expires_at, fixed at sign-in, and not on last_seen_at: touch() moves
 * last_seen_at about once a minute per active session, and an index on it would take those
 * updates off the heap-only (HOT) path.
 */
export class LiveSessionsIndex1764503800000 implements MigrationInterface {
  name = 'LiveSessionsIndex1764503800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_sessions_live_expires_at" ON "sessions" ("expires_at") WHERE ended_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_sessions_live_expires_at"`);
  }
}
