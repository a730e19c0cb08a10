import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on (issue 16): people's accounts at the OpenID Provider (issuer + subject, the
 * pair the provider never reassigns), and sessions started by it (method 'oidc').
 */
export class OidcSignIn1764502000000 implements MigrationInterface {
  name = 'OidcSignIn1764502000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "oidc_identities" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "issuer" text NOT NULL,
        "subject" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_sign_in_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_oidc_identities" PRIMARY KEY ("id"),
        CONSTRAINT "uq_oidc_identities_issuer_subject" UNIQUE ("issuer", "subject"),
        CONSTRAINT "fk_oidc_identities_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`,
    );
    await queryRunner.query(`CREATE INDEX "idx_oidc_identities_user_id" ON "oidc_identities" ("user_id")`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "ck_sessions_method"`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "ck_sessions_method" CHECK (method IN ('email_link', 'oidc'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The old constraint cannot hold single sign-on sessions; going back ends (removes) them.
    await queryRunner.query(`DELETE FROM "sessions" WHERE method = 'oidc'`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "ck_sessions_method"`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "ck_sessions_method" CHECK (method IN ('email_link'))`);
    await queryRunner.query(`DROP TABLE "oidc_identities"`);
  }
}
