import type { DataSource } from 'typeorm';
import { LIFECYCLE_STAGES } from '@aigov/domain/lifecycle-stage';
import type { BenchContext, Metric, ScenarioResult } from './bench-types';
import { percentile, round } from './stats-lite';

const TIERS = ['minimal', 'limited', 'high', 'prohibited'];

async function timed(samples: number, run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await run();
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await run();
    out.push(performance.now() - t0);
  }
  return out;
}

async function get(ctx: BenchContext, path: string): Promise<void> {
  const response = await fetch(`${ctx.baseUrl}${path}`, { headers: { authorization: `Bearer ${ctx.token}`, accept: 'application/json' } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
}

/**
 * The inventory this scenario measures, written straight into PostgreSQL (not through the
 * workflows): exported so its statements can be examined (EXPLAIN ANALYZE) on the same data.
 */
export async function seedReportsAtScale(
  db: DataSource,
  opts: { systems: number; auditEvents: number },
): Promise<{ systemsSeconds: number; auditSeconds: number }> {
  const [owner] = await db.query(`SELECT id FROM users ORDER BY created_at LIMIT 1`);
  const seedStart = performance.now();
  const stages = `ARRAY[${LIFECYCLE_STAGES.map((s) => `'${s}'`).join(',')}]`;
  const tiers = `ARRAY[${TIERS.map((t) => `'${t}'`).join(',')}]`;
  // Batches keep each statement's memory bounded; generate_series keeps the data on the server.
  for (let from = 1; from <= opts.systems; from += 20_000) {
    const to = Math.min(opts.systems, from + 19_999);
    await db.query(
      `INSERT INTO ai_systems (id, name, purpose, intended_use, accountable_owner_id, business_unit, data_sources, data_categories,
         personal_data, special_category_data, model_type, vendor_type, deployment_context, affected_stakeholders, autonomy_level,
         stage, risk_tier, stage_entered_at, next_review_at, created_by_id, workflow_id, created_at, updated_at)
       SELECT gen_random_uuid(), 'bench-report-' || g, 'Seeded for the report benchmark ' || g, 'benchmark', $1, 'unit ' || (g % 40),
         '["seed"]', '["seed"]', g % 3 = 0, false, 'model', 'in_house', 'benchmark', '["nobody"]', 'human_in_the_loop',
         (${stages})[1 + g % ${LIFECYCLE_STAGES.length}], (${tiers})[1 + g % ${TIERS.length}],
         now() - (g % 400) * interval '1 day', now() + ((g % 200) - 20) * interval '1 day', $1, 'bench-report:' || g,
         now() - (g % 900) * interval '1 hour', now()
       FROM generate_series($2::int, $3::int) AS g`,
      [owner.id, from, to],
    );
  }
  const systemsSeconds = (performance.now() - seedStart) / 1000;
  const auditStart = performance.now();
  // Report-benchmark audit rows live in their own streams; their hashes are filler, so the
  // audit scenario verifies its own stream rather than the whole trail.
  const perStream = 100;
  for (let from = 0; from < opts.auditEvents; from += 100_000) {
    const to = Math.min(opts.auditEvents, from + 100_000) - 1;
    await db.query(
      `INSERT INTO audit_events (stream_id, seq, event_type, actor_label, payload, occurred_at, prev_hash, hash)
       SELECT 'bench-report-audit:' || (g / ${perStream}), 1 + g % ${perStream}, 'bench.event', 'bench',
              jsonb_build_object('n', g), now() - g * interval '1 second',
              CASE WHEN g % ${perStream} = 0 THEN repeat('0', 64) ELSE md5('p' || g) || md5('q' || g) END,
              md5('h' || g) || md5('i' || g)
         FROM generate_series($1::int, $2::int) AS g`,
      [from, to],
    );
  }
  // VACUUM as well: autovacuum does it to a table after a bulk insert, a minute or so later, and
  // only then can the stage report and the plain GROUP BY read the (stage, risk_tier, ...) index
  // without visiting the table; the benchmark does not wait for it.
  await db.query('VACUUM ANALYZE ai_systems');
  await db.query('ANALYZE audit_events');
  const auditSeconds = (performance.now() - auditStart) / 1000;
  return { systemsSeconds, auditSeconds };
}

/**
 * Seeds the inventory straight into PostgreSQL (not through the workflows), then times the
 * stage report and filtered lists over HTTP against the plain SQL that answers the same
 * question, on the same database, in the same run.
 */
export async function runReportsAtScale(
  ctx: BenchContext,
  opts: { systems: number; auditEvents: number; requests: number },
): Promise<ScenarioResult> {
  const db = ctx.dataSource;
  const { systemsSeconds, auditSeconds } = await seedReportsAtScale(db, opts);
  ctx.log(`seeded ${opts.systems} systems in ${round(systemsSeconds, 1)} s and ${opts.auditEvents} audit events in ${round(auditSeconds, 1)} s`);

  const report = await timed(opts.requests, () => get(ctx, '/api/v1/reports/lifecycle-stages'));
  const groupBy = await timed(opts.requests, () => db.query('SELECT stage, risk_tier, count(*) FROM ai_systems GROUP BY stage, risk_tier'));
  const list = await timed(opts.requests, () => get(ctx, '/api/v1/ai-systems?stage=operation&riskTier=high&pageSize=50'));
  const listSql = await timed(opts.requests, () =>
    db.query(`SELECT * FROM ai_systems WHERE stage = 'operation' AND risk_tier = 'high' ORDER BY created_at DESC, id LIMIT 50`),
  );
  const search = await timed(Math.min(opts.requests, 50), () => get(ctx, '/api/v1/ai-systems?q=report-4242&pageSize=50'));
  const p = (values: number[], q: number) => round(percentile(values, q), 1);
  const vs = (name: string, values: number[], base: number[], baseName: string, q: number, target?: { text: string; met: boolean }): Metric => ({
    name: `${name} p${q}`,
    value: p(values, q),
    unit: 'ms',
    baseline: { name: `${baseName} p${q}`, value: p(base, q), unit: 'ms' },
    ratio: round(p(values, q) / p(base, q)),
    ...(target ? { target: target.text, met: target.met } : {}),
  });
  const reportP50 = p(report, 50);
  const groupP50 = p(groupBy, 50);
  return {
    scenario: 'reports at scale',
    metrics: [
      { name: `seed ${opts.systems} systems`, value: round(systemsSeconds, 1), unit: 's' },
      { name: `seed ${opts.auditEvents} audit events`, value: round(auditSeconds, 1), unit: 's' },
      vs('stage report', report, groupBy, 'plain GROUP BY', 50, {
        text: '<= 3x plain GROUP BY and < 50 ms',
        met: reportP50 <= 3 * groupP50 && reportP50 < 50,
      }),
      vs('stage report', report, groupBy, 'plain GROUP BY', 99),
      vs('list stage+tier filter', list, listSql, 'plain SELECT ... LIMIT 50', 50),
      vs('list stage+tier filter', list, listSql, 'plain SELECT ... LIMIT 50', 99),
      { name: 'list text search p50', value: p(search, 50), unit: 'ms' },
      { name: 'list text search p99', value: p(search, 99), unit: 'ms' },
    ],
    notes: [
      `${opts.requests} sequential requests each after 5 warm-ups; HTTP timings include authentication and JSON; the baselines are the bare queries from the bench process`,
    ],
  };
}
