import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signing out of a single sign-on session ends it at the OpenID Provider too (RP-Initiated
 * Logout), and providers want the ID token they issued as the hint of whose session that is
 * (Okta requires it). The column holds it while the session lives, and recording a session's end
 * (sign-out, a new sign-in, idle or absolute expiry found, deactivation) clears it
 * (sessions.service.ts). A session that lapses and is never presented again keeps its token;
 * past the token's own expiry a provider takes it only as that hint.
 */
export class SessionIdTokenHint1764503700000 implements MigrationInterface {
  name = 'SessionIdTokenHint1764503700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" ADD "id_token_hint" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "id_token_hint"`);
  }
}
