import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signing in to the web application (issue 14): emailed sign-in links (single use, expiring,
 * only the hash of the secret kept) and browser sessions (only the hash of the cookie's token
 * kept; idle and absolute expiry; ended sessions kept with the reason).
 */
export class SignInSessions1764500800000 implements MigrationInterface {
  name = 'SignInSessions1764500800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sign_in_links" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "token_hash" text NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_sign_in_links" PRIMARY KEY ("id"),
        CONSTRAINT "uq_sign_in_links_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "ck_sign_in_links_token_hash_sha256" CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT "fk_sign_in_links_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`,
    );
    await queryRunner.query(`CREATE INDEX "idx_sign_in_links_user_id_created_at" ON "sign_in_links" ("user_id", "created_at")`);
    await queryRunner.query(
      `CREATE TABLE "sessions" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "token_hash" text NOT NULL,
        "method" character varying(16) NOT NULL,
        "sign_in_link_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "ended_at" TIMESTAMP WITH TIME ZONE,
        "ended_reason" character varying(16),
        CONSTRAINT "pk_sessions" PRIMARY KEY ("id"),
        CONSTRAINT "uq_sessions_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "ck_sessions_token_hash_sha256" CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT "ck_sessions_method" CHECK (method IN ('email_link')),
        CONSTRAINT "ck_sessions_ended" CHECK ((ended_at IS NULL) = (ended_reason IS NULL) AND (ended_reason IS NULL OR ended_reason IN ('signed_out', 'replaced', 'idle', 'expired', 'deactivated'))),
        CONSTRAINT "fk_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_sessions_sign_in_link" FOREIGN KEY ("sign_in_link_id") REFERENCES "sign_in_links"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`,
    );
    await queryRunner.query(`CREATE INDEX "idx_sessions_user_id" ON "sessions" ("user_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TABLE "sign_in_links"`);
  }
}
