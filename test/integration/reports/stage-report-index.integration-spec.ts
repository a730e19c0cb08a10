import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource } from '@aigov/persistence/data-source.factory';
import { LifecycleStageReportService, STAGE_TIER_GROUPS_SQL } from '../../../apps/api/src/reports/lifecycle-stage-report.service';
import { startTestDatabase, TestDatabase } from '../../setup/database.setup';
import { FixedClock } from '../../support/adjustable-clock';

// The planner reads the index instead of the table from a size like this on, with rows as wide as
// real ones (a purpose of a few sentences); at 20,000 systems, or with one-word rows, it still scans the table.
const SEEDED = 100_000;
const NOW = new Date('2026-11-30T12:00:00.123Z');

/**
 * The stage report on the index of migration 1764501010000: read from the index alone, and the
 * same figures as the per-row arithmetic it replaced (an average and a longest age in stage per
 * stage, counts per stage and tier), over systems entered at odd microseconds, some in the future.
 */
describe('stage report on its index', () => {
  // Private database: it seeds 100,000 systems.
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await startTestDatabase();
    dataSource = await createDataSource(db.url, { poolSize: 4 }).initialize();
    const owner = randomUUID();
    await dataSource.query(`INSERT INTO users (id, email, name) VALUES ($1, 'owner@example.test', 'Owner')`, [owner]);
    await dataSource.query(
      `INSERT INTO ai_systems (id, name, purpose, intended_use, accountable_owner_id, business_unit, data_sources, data_categories, personal_data,
         special_category_data, model_type, vendor_type, deployment_context, affected_stakeholders, autonomy_level, stage, risk_tier, stage_entered_at,
         created_by_id, workflow_id)
       SELECT gen_random_uuid(), 'system ' || g, repeat('What the system is for, as an owner writes it. ', 6), 'decision support for a team', $1, 'unit', '[]', '[]', false, false, 'llm', 'in_house', 'internal', '[]', 'human_in_the_loop',
              (ARRAY['design','impact_assessment','approval','deployment','operation','periodic_review','retired'])[1 + g % 7],
              (ARRAY['minimal','limited','high',NULL])[1 + g % 4],
              $2::timestamptz - (g * 7919) * interval '1 second' - (g % 1000) * interval '1 microsecond' + CASE WHEN g % 97 = 0 THEN interval '3 days' ELSE interval '0' END,
              $1, 'seed:' || g
         FROM generate_series(1, $3::int) g`,
      [owner, NOW, SEEDED],
    );
    await dataSource.query('VACUUM ANALYZE ai_systems');
  }, 120_000);

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.stop();
  });

  it('reads the (stage, risk_tier, stage_entered_at) index alone', async () => {
    const plan = (await dataSource.query(`EXPLAIN ${STAGE_TIER_GROUPS_SQL}`, [NOW])).map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Index Only Scan using idx_ai_systems_stage_risk_tier_entered_at/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it('gives the figures of the per-row arithmetic it replaced', async () => {
    const report = await new LifecycleStageReportService(dataSource, new FixedClock(NOW)).build();
    const perRow: Array<{ stage: string; risk_tier: string | null; count: number; sum_secs: number; max_secs: number }> = await dataSource.query(
      `SELECT stage, risk_tier, count(*)::int AS count,
              sum(extract(epoch FROM ($1 - stage_entered_at)))::float8 AS sum_secs,
              max(extract(epoch FROM ($1 - stage_entered_at)))::float8 AS max_secs
         FROM ai_systems GROUP BY stage, risk_tier`,
      [NOW],
    );
    expect(report.total).toBe(SEEDED);
    const days = (seconds: number) => Math.round((seconds / 86400) * 100) / 100;
    for (const row of report.byStage) {
      const groups = perRow.filter((g) => g.stage === row.stage);
      const count = groups.reduce((n, g) => n + g.count, 0);
      expect(row).toEqual({
        stage: row.stage,
        count,
        averageDaysInStage: count ? days(groups.reduce((n, g) => n + Number(g.sum_secs), 0) / count) : null,
        longestDaysInStage: count ? days(Math.max(...groups.map((g) => Number(g.max_secs)))) : null,
      });
    }
    expect(report.byStage.filter((s) => s.count > 0)).toHaveLength(7);
    expect(report.byStageAndTier).toHaveLength(perRow.length);
    for (const g of perRow) expect(report.byStageAndTier).toContainEqual({ stage: g.stage, riskTier: g.risk_tier, count: g.count });
    // and the statement itself, to the microsecond: sums and maxima as the per-row form gives them
    const grouped: typeof perRow = await dataSource.query(STAGE_TIER_GROUPS_SQL, [NOW]);
    const key = (g: { stage: string; risk_tier: string | null }) => `${g.stage}/${g.risk_tier}`;
    const byKey = new Map(perRow.map((g) => [key(g), g]));
    for (const g of grouped) expect(g).toEqual(byKey.get(key(g)));
  });
});
