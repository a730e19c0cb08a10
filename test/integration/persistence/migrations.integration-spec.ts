import { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '@aigov/persistence/data-source.factory';
import { MIGRATIONS } from '@aigov/persistence/migrations';
import { startTestDatabase, TestDatabase } from '../../setup/database.setup';

const MIGRATION_NAMES = MIGRATIONS.map((m) => new m().name);

const TABLES = [
  'action_tokens',
  'ai_system_scopes',
  'ai_systems',
  'api_tokens',
  'audit_checkpoints',
  'audit_events',
  'audit_system_heads',
  'control_health_dirty',
  'control_health_snapshots',
  'control_health_state',
  'control_health_systems',
  'deployments',
  'documentation_statements',
  'email_outbox',
  'gateway_tokens',
  'idempotency_records',
  'impact_assessments',
  'internal_audits',
  'inventory_import_systems',
  'inventory_imports',
  'management_reviews',
  'manual_evidence',
  'manual_evidence_contents',
  'material_changes',
  'model_registry_events',
  'monitoring_events',
  'monitoring_plans',
  'oidc_identities',
  'pdca_items',
  'questionnaire_reassessments',
  'questionnaire_versions',
  'risk_acceptance_rounds',
  'risk_ai_systems',
  'risks',
  'serious_incidents',
  'sessions',
  'sign_in_links',
  'soa_entries',
  'soa_versions',
  'stage_transitions',
  'tasks',
  'users',
  'webhook_deliveries',
  'webhook_delivery_attempts',
  'webhook_events',
  'webhook_receipts',
  'webhook_source_ai_systems',
  'webhook_sources',
  'webhook_subscriptions',
];

describe('schema migrations', () => {
  // Private database: this suite migrates down, which would wreck a shared one.
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await startTestDatabase();
    dataSource = await createDataSource(db.url).initialize();
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.stop();
  });

  async function tables(): Promise<string[]> {
    const rows: Array<{ table_name: string }> = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    return rows.map((r) => r.table_name);
  }

  async function undoAll(): Promise<void> {
    for (let i = 0; i < MIGRATION_NAMES.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
  }

  it('starts with InitialSchema, in timestamp order, with names that match their classes', () => {
    expect(MIGRATION_NAMES[0]).toBe('InitialSchema1763856000000');
    const stamps = MIGRATION_NAMES.map((n) => Number(n.slice(-13)));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(MIGRATIONS.map((m) => m.name)).toEqual(MIGRATION_NAMES);
  });

  it('creates every table and records each migration in schema_migrations', async () => {
    expect(await tables()).toEqual([...TABLES, 'schema_migrations'].sort());
    const applied: Array<{ name: string }> = await dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
    expect(applied.map((r) => r.name)).toEqual(MIGRATION_NAMES);
  });

  it('matches the entities exactly, so TypeORM would generate no schema change', async () => {
    const diff = await dataSource.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);

    // ...and the comparison is real: a missing index is noticed.
    await dataSource.query('DROP INDEX idx_tasks_status_due_at');
    const drifted = await dataSource.driver.createSchemaBuilder().log();
    expect(drifted.upQueries.map((q) => q.query)).toEqual([expect.stringContaining('idx_tasks_status_due_at')]);
    await dataSource.query('CREATE INDEX idx_tasks_status_due_at ON tasks (status, due_at)');
  });

  it('migrates down to nothing and up again', async () => {
    await undoAll();
    expect(await tables()).toEqual(['schema_migrations']);
    expect(await dataSource.query('SELECT name FROM schema_migrations')).toEqual([]);
    const functions = await dataSource.query(`SELECT 1 FROM pg_proc WHERE proname = 'audit_events_forbid_change'`);
    expect(functions).toHaveLength(0);

    const ran = await dataSource.runMigrations({ transaction: 'each' });
    expect(ran.map((m) => m.name)).toEqual(MIGRATION_NAMES);
    expect(await tables()).toEqual([...TABLES, 'schema_migrations'].sort());
    expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  it('runMigrations is a no-op when up to date and safe to run from two processes at once', async () => {
    expect(await runMigrations(db.url)).toEqual([]);

    await undoAll();
    const [first, second] = await Promise.all([runMigrations(db.url), runMigrations(db.url)]);
    // one process applies everything, the other waits on the lock and finds nothing to do
    expect([first, second].sort((a, b) => b.length - a.length)).toEqual([MIGRATION_NAMES, []]);
    expect(await tables()).toContain('audit_events');
  });

  it('refuses deleting a user who still owns an AI system (ON DELETE RESTRICT)', async () => {
    const userId = '00000000-0000-4000-8000-000000000001';
    const systemId = '00000000-0000-4000-8000-000000000002';
    await dataSource.query(`INSERT INTO users (id, email, name) VALUES ($1, 'owner@example.test', 'Owner')`, [userId]);
    await dataSource.query(
      `INSERT INTO ai_systems (id, name, purpose, intended_use, accountable_owner_id, business_unit, data_sources, data_categories,
         personal_data, special_category_data, model_type, vendor_type, deployment_context, affected_stakeholders, autonomy_level,
         stage, stage_entered_at, created_by_id, workflow_id)
       VALUES ($1, 'n', 'p', 'u', $2, 'bu', '[]', '[]', false, false, 'llm', 'in_house', 'internal', '[]', 'human_in_the_loop',
         'design', now(), $2, $3)`,
      [systemId, userId, `ai-system:${systemId}`],
    );
    await expect(dataSource.query('DELETE FROM users WHERE id = $1', [userId])).rejects.toThrow(/fk_ai_systems_accountable_owner/);
    await expect(
      dataSource.query(`UPDATE ai_systems SET vendor_type = 'someone' WHERE id = $1`, [systemId]),
    ).rejects.toThrow(/ck_ai_systems_vendor_type/);
    await expect(
      dataSource.query(`INSERT INTO users (id, email, name) VALUES (gen_random_uuid(), 'Mixed@Example.test', 'M')`),
    ).rejects.toThrow(/ck_users_email_lower_case/);
  });
});
