import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource } from '@aigov/persistence/data-source.factory';
import { inventoryQuery } from '../../../apps/api/src/ai-systems/inventory-query';
import type { UserPrincipal } from '../../../apps/api/src/auth/principal';
import { startTestDatabase, TestDatabase } from '../../setup/database.setup';

const SEEDED = 20_000;

/**
 * The system list's text search on the trigram indexes of migration 1764501000000: the planner
 * uses them for a substring at this size, and what matches is exactly what the same query
 * matches with every index scan switched off (the plain ILIKE over every row).
 */
describe('system list text search on trigram indexes', () => {
  // Private database: it seeds 20,000 systems.
  let db: TestDatabase;
  let dataSource: DataSource;
  const office: UserPrincipal = { kind: 'user', id: randomUUID(), email: 'office@example.test', name: 'Office', roles: new Set(['governance_office']) };

  beforeAll(async () => {
    db = await startTestDatabase();
    dataSource = await createDataSource(db.url, { poolSize: 2 }).initialize();
    await dataSource.query(`INSERT INTO users (id, email, name, roles) VALUES ($1, $2, 'Office', '{governance_office}')`, [office.id, office.email]);
    const rows: Array<[string, string]> = [
      ['Zürich ÄRZTE triage', 'clinical routing'],
      ['Plain name', 'Finds 100% of duplicates'],
      ['Under_score model', 'scoring'],
      ['Underscore model', 'scoring'],
      ['Invoice reader', 'reads invoices for the Zürich office'],
    ];
    await dataSource.query(
      `INSERT INTO ai_systems (id, name, purpose, intended_use, accountable_owner_id, business_unit, data_sources, data_categories, personal_data,
         special_category_data, model_type, vendor_type, deployment_context, affected_stakeholders, autonomy_level, stage, stage_entered_at, created_by_id, workflow_id)
       SELECT gen_random_uuid(), n, p, 'use', $1, 'unit', '[]', '[]', false, false, 'llm', 'in_house', 'internal', '[]', 'human_in_the_loop', 'design', now(), $1,
              'seed:' || gen_random_uuid()
         FROM (SELECT 'seeded system ' || g AS n, 'purpose number ' || (g * 7) AS p FROM generate_series(1, $2::int) g
               UNION ALL SELECT * FROM unnest($3::text[], $4::text[])) AS r(n, p)`,
      [office.id, SEEDED, rows.map((r) => r[0]), rows.map((r) => r[1])],
    );
    await dataSource.query('VACUUM ANALYZE ai_systems');
  }, 120_000);

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.stop();
  });

  async function search(q: string, withIndexes: boolean): Promise<{ names: string[]; plan: string }> {
    const [sql, params] = inventoryQuery(dataSource, { q }, office, new Date()).getQueryAndParameters();
    const runner = dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      if (!withIndexes) for (const off of ['enable_indexscan', 'enable_bitmapscan', 'enable_indexonlyscan']) await runner.query(`SET LOCAL ${off} = off`);
      const plan = (await runner.query(`EXPLAIN ${sql}`, params)).map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
      const rows: Array<{ s_name: string }> = await runner.query(sql, params);
      await runner.commitTransaction();
      return { names: rows.map((r) => r.s_name).sort(), plan };
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('plans a substring search on both trigram indexes', async () => {
    const { plan, names } = await search('system 1234', true);
    expect(plan).toContain('idx_ai_systems_name_trgm');
    expect(plan).toContain('idx_ai_systems_purpose_trgm');
    expect(plan).not.toMatch(/Seq Scan on ai_systems/);
    expect(names).toEqual(['seeded system 1234', 'seeded system 12340', 'seeded system 12341', 'seeded system 12342', 'seeded system 12343', 'seeded system 12344', 'seeded system 12345', 'seeded system 12346', 'seeded system 12347', 'seeded system 12348', 'seeded system 12349']);
  });

  it('matches what the plain ILIKE over every row matches: case, accents, the purpose, % and _ taken literally, short terms', async () => {
    const cases: Array<[string, string[]]> = [
      ['zürich', ['Invoice reader', 'Zürich ÄRZTE triage']],
      ['ärzte', ['Zürich ÄRZTE triage']],
      ['100%', ['Plain name']],
      ['under_', ['Under_score model']],
      ['number 70007', ['seeded system 10001']],
      ['ri', ['Invoice reader', 'Under_score model', 'Underscore model', 'Zürich ÄRZTE triage']],
      ['no such system', []],
    ];
    for (const [q, expected] of cases) {
      const indexed = await search(q, true);
      const scanned = await search(q, false);
      expect({ q, names: indexed.names }).toEqual({ q, names: scanned.names });
      expect({ q, names: indexed.names }).toEqual({ q, names: expected.sort() });
    }
  });
});
