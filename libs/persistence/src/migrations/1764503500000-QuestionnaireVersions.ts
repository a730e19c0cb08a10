import { MigrationInterface, QueryRunner } from 'typeorm';

/** The values a `CHECK (col IN ('a', 'b'))` constraint allows, read from the database. */
async function checkValues(q: QueryRunner, table: string, constraint: string): Promise<string[]> {
  const [row] = await q.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1 AND conrelid = $2::regclass`, [constraint, table]);
  if (!row) throw new Error(`constraint ${constraint} on ${table} not found`);
  return [...(row.def as string).matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
}

async function setCheckValues(q: QueryRunner, table: string, constraint: string, column: string, values: string[]): Promise<void> {
  await q.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${constraint}"`);
  await q.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${constraint}" CHECK (${column} IN (${values.map((v) => `'${v}'`).join(', ')}))`);
}

/**
 * The impact assessment questionnaire as versioned data: its versions (one open draft, one
 * published), and the re-assessments a published version asks of the owners of the systems
 * whose tier it could change.
 *
 * Every stored assessment already names the version it answered (impact_assessments.template_version,
 * '2026-11.1' for every existing row, the one version there was); each version answered so far
 * gets a row here, its definition filled in from the questionnaire file when the API starts
 * (a migration does not read configuration files).
 *
 * Tasks may approve a questionnaire version: 'questionnaire' joins the subject kinds the tasks
 * check allows, read from the constraint as it stands so a kind added by another migration stays.
 */
export class QuestionnaireVersions1764503500000 implements MigrationInterface {
  name = 'QuestionnaireVersions1764503500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Generated from the entities' schema diff.
    await queryRunner.query(`CREATE TABLE "questionnaire_versions" ("id" uuid NOT NULL, "version" text NOT NULL, "title" text NOT NULL DEFAULT 'Impact assessment questionnaire', "note" text, "status" text NOT NULL, "is_open" boolean NOT NULL DEFAULT false, "definition" jsonb, "sha256" text, "based_on" text, "source" text NOT NULL, "editor_ids" jsonb NOT NULL DEFAULT '[]', "approval_round" integer NOT NULL DEFAULT '0', "workflow_id" text, "submission_key" text, "submitted_by_id" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "requested_due_at" TIMESTAMP WITH TIME ZONE, "last_outcome" jsonb, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_questionnaire_versions_frozen" CHECK (status NOT IN ('published') OR (definition IS NOT NULL AND sha256 IS NOT NULL)), CONSTRAINT "ck_questionnaire_versions_open" CHECK (is_open = (status IN ('draft', 'in_approval'))), CONSTRAINT "ck_questionnaire_versions_source" CHECK (source IN ('file', 'api')), CONSTRAINT "ck_questionnaire_versions_status" CHECK (status IN ('draft', 'in_approval', 'published', 'superseded')), CONSTRAINT "pk_questionnaire_versions" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_questionnaire_versions_one_published" ON "questionnaire_versions" ("status") WHERE status = 'published'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_questionnaire_versions_one_open" ON "questionnaire_versions" ("is_open") WHERE is_open`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_questionnaire_versions_submission_key" ON "questionnaire_versions" ("submission_key") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_questionnaire_versions_version" ON "questionnaire_versions" ("version") `);
    await queryRunner.query(`CREATE TABLE "questionnaire_reassessments" ("id" uuid NOT NULL, "version_id" uuid NOT NULL, "questionnaire_version" text NOT NULL, "ai_system_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "answered_version" text, "from_tier" text, "lowest_tier" text NOT NULL, "highest_tier" text NOT NULL, "deciding_questions" jsonb NOT NULL DEFAULT '[]', "status" text NOT NULL DEFAULT 'open', "outcome" text, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "notified_at" TIMESTAMP WITH TIME ZONE, "reminded_at" TIMESTAMP WITH TIME ZONE, "overdue_at" TIMESTAMP WITH TIME ZONE, "escalated_at" TIMESTAMP WITH TIME ZONE, "result_tier" text, "assessment_version" integer, "material_change_id" uuid, "closed_by_id" uuid, "closed_at" TIMESTAMP WITH TIME ZONE, "close_reason" text, CONSTRAINT "uq_questionnaire_reassessments_version_system" UNIQUE ("version_id", "ai_system_id"), CONSTRAINT "ck_questionnaire_reassessments_closed" CHECK ((status = 'open') = (closed_at IS NULL)), CONSTRAINT "ck_questionnaire_reassessments_outcome" CHECK (outcome IS NULL OR outcome IN ('unchanged', 'change_proposed', 'prohibited', 'assessed_otherwise')), CONSTRAINT "ck_questionnaire_reassessments_status" CHECK (status IN ('open', 'completed', 'superseded', 'cancelled')), CONSTRAINT "pk_questionnaire_reassessments" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_questionnaire_reassessments_version_status" ON "questionnaire_reassessments" ("version_id", "status") `);
    await queryRunner.query(`CREATE INDEX "idx_questionnaire_reassessments_status_due" ON "questionnaire_reassessments" ("status", "due_at") `);
    await queryRunner.query(`CREATE INDEX "idx_questionnaire_reassessments_system_status" ON "questionnaire_reassessments" ("ai_system_id", "status") `);
    await queryRunner.query(`CREATE INDEX "idx_questionnaire_reassessments_owner_status" ON "questionnaire_reassessments" ("owner_id", "status") `);
    await queryRunner.query(`ALTER TABLE "questionnaire_versions" ADD CONSTRAINT "fk_questionnaire_versions_submitted_by" FOREIGN KEY ("submitted_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "questionnaire_reassessments" ADD CONSTRAINT "fk_questionnaire_reassessments_version" FOREIGN KEY ("version_id") REFERENCES "questionnaire_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "questionnaire_reassessments" ADD CONSTRAINT "fk_questionnaire_reassessments_ai_system" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "questionnaire_reassessments" ADD CONSTRAINT "fk_questionnaire_reassessments_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // Every version answered so far (all existing rows answered 2026-11.1): recorded, its questions loaded from the file at start.
    await queryRunner.query(
      `INSERT INTO "questionnaire_versions" ("id", "version", "status", "source", "created_at", "updated_at")
       SELECT gen_random_uuid(), template_version, 'superseded', 'file', min(submitted_at), min(submitted_at) FROM "impact_assessments" GROUP BY template_version`,
    );

    const kinds = await checkValues(queryRunner, 'tasks', 'ck_tasks_subject_kind');
    if (!kinds.includes('questionnaire')) await setCheckValues(queryRunner, 'tasks', 'ck_tasks_subject_kind', 'subject_kind', [...kinds, 'questionnaire']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Refused (the check fails) while a task approves a questionnaire version: nothing is dropped silently.
    const kinds = await checkValues(queryRunner, 'tasks', 'ck_tasks_subject_kind');
    await setCheckValues(queryRunner, 'tasks', 'ck_tasks_subject_kind', 'subject_kind', kinds.filter((k) => k !== 'questionnaire'));
    await queryRunner.query(`ALTER TABLE "questionnaire_reassessments" DROP CONSTRAINT "fk_questionnaire_reassessments_owner"`);
    await queryRunner.query(`ALTER TABLE "questionnaire_reassessments" DROP CONSTRAINT "fk_questionnaire_reassessments_ai_system"`);
    await queryRunner.query(`ALTER TABLE "questionnaire_reassessments" DROP CONSTRAINT "fk_questionnaire_reassessments_version"`);
    await queryRunner.query(`ALTER TABLE "questionnaire_versions" DROP CONSTRAINT "fk_questionnaire_versions_submitted_by"`);
    await queryRunner.query(`DROP TABLE "questionnaire_reassessments"`);
    await queryRunner.query(`DROP TABLE "questionnaire_versions"`);
  }
}
