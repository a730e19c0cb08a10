import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Approved scope that runtime systems enforce (issue 17):
 * - ai_system_scopes: each system's proposed and approved scopes, frozen (version, SHA-256) by
 *   the approval. Partial unique indexes keep one proposal and one approved scope per system;
 *   the second is what POST /authorize reads, by the system's id, in the same statement as the
 *   system's stage (kept current in the transaction of every stage change).
 * - gateway_tokens: machine tokens of named gateways, which may call POST /authorize only.
 * - an index on the model name of deployments, for authorize requests that name a model
 *   instead of a system.
 */
export class ApprovedScope1764503200000 implements MigrationInterface {
  name = 'ApprovedScope1764503200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ai_system_scopes" (
        "id" uuid NOT NULL,
        "ai_system_id" uuid NOT NULL,
        "status" text NOT NULL,
        "version" integer,
        "material_change_id" uuid,
        "data_categories" jsonb NOT NULL,
        "tools" jsonb NOT NULL,
        "decisions" jsonb NOT NULL,
        "autonomy" text NOT NULL,
        "content_hash" text,
        "proposed_by_id" uuid,
        "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "approval_round" integer,
        "approved_at" TIMESTAMP WITH TIME ZONE,
        "superseded_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_ai_system_scopes" PRIMARY KEY ("id"),
        CONSTRAINT "ck_ai_system_scopes_status" CHECK (status IN ('proposed', 'approved', 'superseded', 'rejected', 'returned')),
        CONSTRAINT "ck_ai_system_scopes_autonomy" CHECK (autonomy IN ('advisory', 'human_in_the_loop', 'human_on_the_loop', 'fully_automated')),
        CONSTRAINT "ck_ai_system_scopes_frozen" CHECK (status IN ('proposed', 'rejected', 'returned') OR (version IS NOT NULL AND content_hash IS NOT NULL AND approved_at IS NOT NULL)),
        CONSTRAINT "ck_ai_system_scopes_content_hash" CHECK (content_hash IS NULL OR content_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT "fk_ai_system_scopes_ai_system" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_ai_system_scopes_material_change" FOREIGN KEY ("material_change_id") REFERENCES "material_changes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_ai_system_scopes_proposed_by" FOREIGN KEY ("proposed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_ai_system_scopes_version" ON "ai_system_scopes" ("ai_system_id", "version")`);
    // authorize's lookup: the approved scope of a system, at most one.
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_ai_system_scopes_one_approved" ON "ai_system_scopes" ("ai_system_id") WHERE status = 'approved'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_ai_system_scopes_one_proposed" ON "ai_system_scopes" ("ai_system_id") WHERE status = 'proposed'`);
    await queryRunner.query(`CREATE INDEX "idx_ai_system_scopes_material_change_id" ON "ai_system_scopes" ("material_change_id")`);

    await queryRunner.query(
      `CREATE TABLE "gateway_tokens" (
        "id" uuid NOT NULL,
        "gateway_name" character varying(100) NOT NULL,
        "gateway_kind" character varying(32) NOT NULL,
        "token_hash" text NOT NULL,
        "prefix" character varying(16) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_by_id" uuid NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "revoked_by_id" uuid,
        "rotated_from_id" uuid,
        CONSTRAINT "pk_gateway_tokens" PRIMARY KEY ("id"),
        CONSTRAINT "uq_gateway_tokens_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "ck_gateway_tokens_token_hash_sha256" CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT "ck_gateway_tokens_gateway_name" CHECK (char_length(gateway_name) BETWEEN 1 AND 100),
        CONSTRAINT "ck_gateway_tokens_gateway_kind" CHECK (gateway_kind IN ('ai_gateway', 'agent_runtime')),
        CONSTRAINT "ck_gateway_tokens_revoked" CHECK ((revoked_at IS NULL) = (revoked_by_id IS NULL)),
        CONSTRAINT "fk_gateway_tokens_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_gateway_tokens_revoked_by" FOREIGN KEY ("revoked_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_gateway_tokens_rotated_from" FOREIGN KEY ("rotated_from_id") REFERENCES "gateway_tokens"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`,
    );
    await queryRunner.query(`CREATE INDEX "idx_gateway_tokens_created_at" ON "gateway_tokens" ("created_at")`);

    // authorize by model: which systems run a model of this name.
    await queryRunner.query(`CREATE INDEX "idx_deployments_model_name" ON "deployments" ((model_artifact->>'name'), "ai_system_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_deployments_model_name"`);
    await queryRunner.query(`DROP TABLE "gateway_tokens"`);
    await queryRunner.query(`DROP TABLE "ai_system_scopes"`);
  }
}
