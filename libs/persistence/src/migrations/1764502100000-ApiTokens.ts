import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal API tokens get their own table (issue 16): several per person, each with a name,
 * an expiry, a last-used time, revocation and rotation. Until now a person had exactly one
 * token, its hash in users.token_hash, valid for ever.
 *
 * Existing tokens move over and keep working, so no script breaks on upgrade, but they get an
 * expiry: 90 days from the migration (the default lifetime of a new token). A credential that
 * never expires is what this change removes; 90 days gives every owner time to see the token
 * listed with its expiry and rotate it. A deactivated person's token moves over revoked, as
 * deactivation now revokes tokens (so reactivating someone does not bring an old token back).
 */
export class ApiTokens1764502100000 implements MigrationInterface {
  name = 'ApiTokens1764502100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_tokens" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "name" text NOT NULL,
        "token_hash" text NOT NULL,
        "prefix" character varying(16),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_by_id" uuid,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "revoked_reason" character varying(16),
        "rotated_from_id" uuid,
        CONSTRAINT "pk_api_tokens" PRIMARY KEY ("id"),
        CONSTRAINT "uq_api_tokens_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "ck_api_tokens_token_hash_sha256" CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT "ck_api_tokens_revoked" CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL) AND (revoked_reason IS NULL OR revoked_reason IN ('revoked', 'deactivated'))),
        CONSTRAINT "ck_api_tokens_name" CHECK (char_length(name) BETWEEN 1 AND 100),
        CONSTRAINT "fk_api_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_api_tokens_rotated_from" FOREIGN KEY ("rotated_from_id") REFERENCES "api_tokens"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`,
    );
    await queryRunner.query(`CREATE INDEX "idx_api_tokens_user_id_created_at" ON "api_tokens" ("user_id", "created_at")`);
    await queryRunner.query(
      `INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, created_at, created_by_id, expires_at, last_used_at, revoked_at, revoked_reason, rotated_from_id)
       SELECT gen_random_uuid(), u.id, 'initial token', u.token_hash, NULL, u.created_at, NULL, now() + interval '90 days', NULL,
              CASE WHEN u.active THEN NULL ELSE now() END, CASE WHEN u.active THEN NULL ELSE 'deactivated' END, NULL
         FROM users u`,
    );
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_hash"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD COLUMN "token_hash" text`);
    // Each person's newest live token becomes their one token again; others get an unusable hash.
    await queryRunner.query(
      `UPDATE users u SET token_hash = t.token_hash
         FROM (SELECT DISTINCT ON (user_id) user_id, token_hash FROM api_tokens WHERE revoked_at IS NULL AND expires_at > now() ORDER BY user_id, created_at DESC) t
        WHERE t.user_id = u.id`,
    );
    await queryRunner.query(`UPDATE users SET token_hash = encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex') WHERE token_hash IS NULL`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "token_hash" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "uq_users_token_hash" UNIQUE ("token_hash")`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "ck_users_token_hash_sha256" CHECK (token_hash ~ '^[0-9a-f]{64}$')`);
    await queryRunner.query(`DROP TABLE "api_tokens"`);
  }
}
