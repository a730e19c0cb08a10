import { EVIDENCE_KINDS, EvidenceKind } from '@aigov/domain/evidence/evidence-map.types';
import { LIFECYCLE_STAGES } from '@aigov/domain/lifecycle-stage';
import type { DataSource } from 'typeorm';
import { appendAuditEvent } from '@aigov/persistence/audit-chain';
import type { BenchContext, Metric, ScenarioResult } from './bench-types';
import { percentile, round } from './stats-lite';

const TIERS = ['minimal', 'limited', 'high'];
const arr = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;

async function get(ctx: BenchContext, path: string): Promise<number> {
  const response = await fetch(`${ctx.baseUrl}${path}`, { headers: { authorization: `Bearer ${ctx.token}`, accept: 'application/json' } });
  const body = await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
  return body.byteLength;
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

/**
 * The plain SQL baseline: per evidence kind, the count and newest date per system (or for the
 * organisation) straight from the tables the evidence sources read, with the same filters, and
 * the facts control health adds (systems with their tier, open nonconformities and corrective
 * actions, overdue reviews, each system's last decided review). No titles, no health
 * computation, no HTTP or JSON: the rows only come back to the client. `one` narrows to one system.
 */
const SYSTEM_AGGREGATES: Partial<Record<EvidenceKind, { sql: string; col: string; narrow?: string }>> = {
  impact_assessment: { sql: `SELECT ai_system_id, count(*), max(submitted_at) FROM impact_assessments WHERE true`, col: 'ai_system_id' },
  approval_round: { sql: `SELECT ai_system_id, count(DISTINCT round), max(decided_at) FROM tasks WHERE kind = 'approval' AND status = 'decided' AND ai_system_id IS NOT NULL`, col: 'ai_system_id' },
  deployment: { sql: `SELECT ai_system_id, count(*), max(deployed_at) FROM deployments WHERE kind IN ('deploy', 'redeploy')`, col: 'ai_system_id' },
  monitoring_event: { sql: `SELECT ai_system_id, count(*), max(occurred_at) FROM monitoring_events WHERE true`, col: 'ai_system_id' },
  periodic_review: { sql: `SELECT ai_system_id, count(*), max(decided_at) FROM tasks WHERE kind = 'review' AND status = 'decided' AND ai_system_id IS NOT NULL`, col: 'ai_system_id' },
  rollback: { sql: `SELECT ai_system_id, count(*), max(occurred_at) FROM stage_transitions WHERE to_stage = 'rollback'`, col: 'ai_system_id' },
  incident_review: { sql: `SELECT ai_system_id, count(*), max(updated_at) FROM pdca_items WHERE source_type = 'incident' AND ai_system_id IS NOT NULL`, col: 'ai_system_id' },
  retirement_checklist: { sql: `SELECT id, 1, max(updated_at) FROM ai_systems WHERE retirement_checklist IS NOT NULL`, col: 'id' },
  material_change: { sql: `SELECT ai_system_id, count(*), max(proposed_at) FROM material_changes WHERE true`, col: 'ai_system_id' },
  pdca_item: { sql: `SELECT ai_system_id, count(*), max(updated_at) FROM pdca_items WHERE ai_system_id IS NOT NULL`, col: 'ai_system_id' },
  audit_chain: { sql: `SELECT ai_system_id, count(*), max(occurred_at) FROM audit_events WHERE ai_system_id IS NOT NULL`, col: 'ai_system_id' },
  manual_evidence: {
    sql: `SELECT sid, count(*), max(updated_at) FROM manual_evidence e CROSS JOIN LATERAL unnest(e.ai_system_ids) AS s(sid) WHERE e.status = 'current'`,
    col: 'sid',
    narrow: `AND e.ai_system_ids @> ARRAY[$1::uuid]`,
  },
};
const ORGANISATION_AGGREGATES: Partial<Record<EvidenceKind, string>> = {
  management_review: `SELECT count(*), max(recorded_at) FROM management_reviews WHERE status = 'held'`,
  internal_audit: `SELECT count(*), max(completed_at) FROM internal_audits WHERE status = 'completed'`,
  access_management: `SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM tasks WHERE delegated_from_id IS NOT NULL), greatest((SELECT max(created_at) FROM users), (SELECT max(created_at) FROM tasks WHERE delegated_from_id IS NOT NULL))`,
};
export const KINDS_WITHOUT_BASELINE = EVIDENCE_KINDS.filter((k) => !SYSTEM_AGGREGATES[k] && !ORGANISATION_AGGREGATES[k]);

export function baselineQueries(one?: string): Array<[string, unknown[]]> {
  const p = one ? [one] : [];
  const perSystem = Object.values(SYSTEM_AGGREGATES).map(({ sql, col, narrow }): [string, unknown[]] => [
    `${sql}${one ? ` ${narrow ?? `AND ${col} = $1`}` : ''} GROUP BY ${col}`,
    p,
  ]);
  return [
    [`SELECT id, name, risk_tier FROM ai_systems ${one ? 'WHERE id = $1' : ''} ORDER BY name, id`, p],
    ...perSystem,
    ...Object.values(ORGANISATION_AGGREGATES).map((sql): [string, unknown[]] => [sql!, []]),
    [`SELECT id, ai_system_id, kind, source_type, title FROM pdca_items WHERE phase <> 'closed' AND kind IN ('nonconformity', 'corrective_action') AND ai_system_id IS NOT NULL ${one ? 'AND ai_system_id = $1' : ''}`, p],
    [`SELECT id, next_review_at FROM ai_systems WHERE stage = 'operation' AND next_review_at < now() ${one ? 'AND id = $1' : ''}`, p],
    [`SELECT ai_system_id, id, due_at FROM tasks WHERE kind = 'review' AND status = 'open' AND due_at < now() AND ai_system_id IS NOT NULL ${one ? 'AND ai_system_id = $1' : ''}`, p],
    [`SELECT DISTINCT ON (ai_system_id) ai_system_id, id, checklist FROM tasks WHERE kind = 'review' AND status = 'decided' AND ai_system_id IS NOT NULL ${one ? 'AND ai_system_id = $1' : ''} ORDER BY ai_system_id, decided_at DESC`, p],
  ];
}

export interface ControlHealthSeed {
  /** the seeded systems that carry evidence */
  ids: string[];
  /** systems in the inventory */
  systems: number;
  counts: Array<{ t: string; n: number }>;
  evidenceSeconds: number;
  auditSeconds: number;
}

/**
 * Tops the inventory up to `systems` systems and gives the seeded ones (this scenario's and the
 * report scenario's) evidence in every table the evidence sources read, and `auditEvents` audit
 * events in one stream per system, straight into PostgreSQL.
 */
export async function seedControlHealth(db: DataSource, log: (message: string) => void, opts: { systems: number; auditEvents: number }): Promise<ControlHealthSeed> {
  const [owner] = await db.query(`SELECT id FROM users ORDER BY created_at LIMIT 1`);
  const seedStart = performance.now();
  const [{ n: existing }] = await db.query(`SELECT count(*)::int AS n FROM ai_systems`);
  const stages = arr(LIFECYCLE_STAGES);
  for (let from = existing + 1; from <= opts.systems; from += 20_000) {
    const to = Math.min(opts.systems, from + 19_999);
    await db.query(
      `INSERT INTO ai_systems (id, name, purpose, intended_use, accountable_owner_id, business_unit, data_sources, data_categories,
         personal_data, special_category_data, model_type, vendor_type, deployment_context, affected_stakeholders, autonomy_level,
         stage, risk_tier, stage_entered_at, next_review_at, created_by_id, workflow_id, created_at, updated_at, retirement_checklist)
       SELECT gen_random_uuid(), 'bench-health-' || g, 'Seeded for the control-health benchmark ' || g, 'benchmark', $1, 'unit ' || (g % 40),
         '["seed"]', '["seed"]', g % 3 = 0, false, 'model', 'in_house', 'benchmark', '["nobody"]', 'human_in_the_loop',
         CASE WHEN g % 2 = 0 THEN 'operation' ELSE (${stages})[1 + g % ${LIFECYCLE_STAGES.length}] END, (${arr(TIERS)})[1 + g % 3],
         now() - (g % 400) * interval '1 day', now() + ((g % 200) - 20) * interval '1 day', $1, 'bench-health:' || g,
         now() - (g % 900) * interval '1 hour', now(),
         CASE WHEN g % 97 = 0 THEN '{"archive": {"done": true}, "decommission": {"done": false}}'::jsonb END
       FROM generate_series($2::int, $3::int) AS g`,
      [owner.id, from, to],
    );
  }
  // The seeded systems (this scenario's and the report scenario's), numbered: real ones keep their own evidence.
  await db.query(`DROP TABLE IF EXISTS bench_health_ids`);
  await db.query(
    `CREATE UNLOGGED TABLE bench_health_ids AS
       SELECT id, (row_number() OVER (ORDER BY created_at, id))::int AS g FROM ai_systems WHERE name LIKE 'bench-health-%' OR name LIKE 'bench-report-%'`,
  );
  await db.query(`CREATE UNIQUE INDEX ON bench_health_ids (g)`);
  const [{ n: seeded }] = await db.query(`SELECT count(*)::int AS n FROM bench_health_ids`);
  const o = [owner.id];
  const seeds: string[] = [
    // impact assessments: one per system, a second version for every fifth
    `INSERT INTO impact_assessments (id, ai_system_id, version, template_version, answers, risk_tier, reasons, submitted_by_id, submitted_at)
     SELECT gen_random_uuid(), s.id, v, '1', '{}', (${arr(TIERS)})[1 + s.g % 3], '[]', $1, now() - ((s.g % 700) + (2 - v) * 30) * interval '1 day'
       FROM bench_health_ids s CROSS JOIN LATERAL generate_series(1, CASE WHEN s.g % 5 = 0 THEN 2 ELSE 1 END) v`,
    // approval rounds: two decided approvals (round 1) for nine systems in ten
    `INSERT INTO tasks (id, kind, workflow_id, round, step_index, assignee_id, status, title, created_at, subject_kind, subject_id, ai_system_id, decision, decided_by_id, decided_at)
     SELECT gen_random_uuid(), 'approval', 'bench-health:' || s.g, 1, 0, $1, 'decided', 'Approve', now() - (s.g % 600 + 2) * interval '1 day',
            'ai_system', s.id, s.id, 'approve', $1, now() - (s.g % 600) * interval '1 day' - a * interval '1 hour'
       FROM bench_health_ids s CROSS JOIN generate_series(1, 2) a WHERE s.g % 10 <> 0`,
    // periodic reviews: decided for every second system (one in fifty with a failed item), open and overdue for one in twenty
    `INSERT INTO tasks (id, kind, workflow_id, round, assignee_id, status, title, created_at, subject_kind, subject_id, ai_system_id, decision, decided_by_id, decided_at, checklist)
     SELECT gen_random_uuid(), 'review', 'bench-health:' || s.g, 1, $1, 'decided', 'Review', now() - (s.g % 500 + 1) * interval '1 day',
            'ai_system', s.id, s.id, 'continue', $1, now() - (s.g % 500) * interval '1 day',
            jsonb_build_object('monitoring', jsonb_build_object('result', CASE WHEN s.g % 50 = 0 THEN 'fail' ELSE 'pass' END), 'documentation', jsonb_build_object('result', 'pass'))
       FROM bench_health_ids s WHERE s.g % 2 = 0`,
    `INSERT INTO tasks (id, kind, workflow_id, round, assignee_id, status, title, created_at, due_at, subject_kind, subject_id, ai_system_id)
     SELECT gen_random_uuid(), 'review', 'bench-health:' || s.g, 2, $1, 'open', 'Review', now() - (s.g % 30 + 5) * interval '1 day', now() - (s.g % 30) * interval '1 day',
            'ai_system', s.id, s.id
       FROM bench_health_ids s WHERE s.g % 20 = 0`,
    // delegations: one approval in a hundred systems handed to a delegate, who decided it
    `WITH d AS (
       INSERT INTO tasks (id, kind, workflow_id, round, step_index, assignee_id, status, title, created_at, subject_kind, subject_id, ai_system_id)
       SELECT gen_random_uuid(), 'approval', 'bench-health:' || s.g, 1, 0, $1, 'delegated', 'Approve', now() - (s.g % 600 + 3) * interval '1 day', 'ai_system', s.id, s.id
         FROM bench_health_ids s WHERE s.g % 100 = 0
       RETURNING id, ai_system_id, created_at)
     INSERT INTO tasks (id, kind, workflow_id, round, step_index, assignee_id, status, title, created_at, subject_kind, subject_id, ai_system_id,
                        delegated_from_id, delegation_reason, decision, decided_by_id, decided_at)
     SELECT gen_random_uuid(), 'approval', 'bench-health-delegate', 1, 0, $1, 'decided', 'Approve (delegated)', d.created_at + interval '1 hour', 'ai_system', d.ai_system_id, d.ai_system_id,
            d.id, 'on leave', 'approve', $1, d.created_at + interval '1 day'
       FROM d`,
  ];
  const plain: string[] = [
    // deployments: every second system, a redeploy for every tenth, a rollback record for one in a hundred
    `INSERT INTO deployments (id, ai_system_id, version, environment, configuration, approval_round, kind, deployed_at, data_artifacts, model_artifact)
     SELECT gen_random_uuid(), s.id, '1.' || v, 'production', '{}', 1, CASE WHEN v = 1 THEN 'deploy' WHEN s.g % 100 = 0 THEN 'rollback' ELSE 'redeploy' END,
            now() - (s.g % 400 + (3 - v) * 20) * interval '1 day', '[{"name": "train", "checksum": "00"}]', jsonb_build_object('checksum', md5('m' || s.g))
       FROM bench_health_ids s CROSS JOIN LATERAL generate_series(1, CASE WHEN s.g % 10 = 0 THEN 2 ELSE 1 END) v WHERE s.g % 2 = 0`,
    // monitoring events: three for every fourth system
    `INSERT INTO monitoring_events (id, ai_system_id, kind, severity, metric, occurred_at, received_at)
     SELECT gen_random_uuid(), s.id, (ARRAY['drift','bias','performance','incident'])[1 + (s.g + v) % 4], (ARRAY['low','medium','high','critical'])[1 + v % 4],
            'metric ' || v, now() - (s.g % 200 + v) * interval '1 day', now()
       FROM bench_health_ids s CROSS JOIN generate_series(1, 3) v WHERE s.g % 4 = 0`,
    // stage transitions: three each, a rollback for one in a hundred
    `INSERT INTO stage_transitions (ai_system_id, seq, to_stage, action, occurred_at)
     SELECT s.id, v, CASE WHEN v = 3 AND s.g % 100 = 0 THEN 'rollback' ELSE (ARRAY['impact_assessment','approval','deployment'])[v] END, 'bench',
            now() - (s.g % 600 + (3 - v) * 10) * interval '1 day'
       FROM bench_health_ids s CROSS JOIN generate_series(1, 3) v`,
    // material changes: one in twenty-five
    `INSERT INTO material_changes (id, ai_system_id, kinds, description, proposed_version, status, proposed_by_id, proposed_at)
     SELECT gen_random_uuid(), s.id, '["model"]', 'bench change', '2.0', (ARRAY['deployed','approval','rejected'])[1 + s.g % 3], $1, now() - (s.g % 300) * interval '1 day'
       FROM bench_health_ids s WHERE s.g % 25 = 0`,
    // PDCA items: one in ten, every kind, phase and source (a third of them incidents)
    `INSERT INTO pdca_items (id, kind, title, description, phase, source_type, workflow_id, owner_id, ai_system_id, created_at, updated_at)
     SELECT gen_random_uuid(), (ARRAY['nonconformity','corrective_action','improvement'])[1 + (s.g / 10) % 3], 'bench item ' || s.g, 'seeded',
            (ARRAY['plan','do','check','closed'])[1 + (s.g / 10) % 4], (ARRAY['incident','review','ai_system','audit_finding','incident','other'])[1 + (s.g / 10) % 6],
            'bench-health-pdca:' || s.g, $1, s.id, now() - (s.g % 300 + 10) * interval '1 day', now() - (s.g % 300) * interval '1 day'
       FROM bench_health_ids s WHERE s.g % 10 = 0`,
    // organisation-wide: four held management reviews and four completed internal audits
    `INSERT INTO management_reviews (id, workflow_id, status, convened_at, meeting_at, agenda, decisions, recorded_at)
     SELECT gen_random_uuid(), 'bench-health-mr:' || q, 'held', now() - (q * 90 + 14) * interval '1 day', now() - q * 90 * interval '1 day', '{}', '[{"decision": "continue"}]', now() - q * 90 * interval '1 day'
       FROM generate_series(0, 3) q`,
    // manual evidence: a link for one system in fifty, and twenty organisation-wide documents naming no system
    `INSERT INTO manual_evidence (id, title, form, url, controls, ai_system_ids, owner_id, expires_at, status, version, created_by_id, created_at, updated_at)
     SELECT gen_random_uuid(), 'Model card ' || s.g, 'link', 'https://docs.example/model-card/' || s.g, '[{"framework": "iso42001", "ref": "A.6.2.7"}]', ARRAY[s.id],
            $1, now() + (s.g % 400 - 30) * interval '1 day', 'current', 1, $1, now() - (s.g % 300 + 5) * interval '1 day', now() - (s.g % 300) * interval '1 day'
       FROM bench_health_ids s WHERE s.g % 50 = 0`,
    `INSERT INTO manual_evidence (id, title, form, media_type, file_name, size_bytes, sha256, controls, owner_id, expires_at, status, version, created_by_id, created_at, updated_at)
     SELECT gen_random_uuid(), 'Policy ' || q, 'document', 'application/pdf', 'policy-' || q || '.pdf', 100000 + q, md5('d' || q) || md5('e' || q),
            '[{"framework": "iso42001", "ref": "A.2.2"}]', $1, now() + (q * 20) * interval '1 day', 'current', 1, $1, now() - q * interval '10 days', now() - q * interval '10 days'
       FROM generate_series(1, 20) q`,
    `INSERT INTO internal_audits (id, workflow_id, status, opened_at, due_at, scope, findings, completed_at)
     SELECT gen_random_uuid(), 'bench-health-ia:' || q, 'completed', now() - (q * 90 + 30) * interval '1 day', now() - q * 90 * interval '1 day', '{}', '[]', now() - q * 90 * interval '1 day'
       FROM generate_series(0, 3) q`,
  ];
  for (const sql of [...seeds, ...plain]) await db.query(sql, sql.includes('$1') ? o : []);
  const evidenceSeconds = (performance.now() - seedStart) / 1000;
  // Audit events, attached to the seeded systems: one stream per system, as the engine writes them.
  const auditStart = performance.now();
  for (let from = 0; from < opts.auditEvents; from += 100_000) {
    const to = Math.min(opts.auditEvents, from + 100_000) - 1;
    await db.query(
      `INSERT INTO audit_events (stream_id, seq, event_type, actor_label, payload, occurred_at, prev_hash, hash, ai_system_id)
       SELECT 'bench-health-audit:' || s.g, 1 + e / $3, 'bench.event', 'bench', jsonb_build_object('n', e), now() - (e % 800000) * interval '1 minute',
              CASE WHEN e / $3 = 0 THEN repeat('0', 64) ELSE md5('p' || e) || md5('q' || e) END, md5('h' || e) || md5('i' || e), s.id
         FROM generate_series($1::int, $2::int) AS e JOIN bench_health_ids s ON s.g = 1 + e % $3`,
      [from, to, seeded],
    );
  }
  for (const table of ['ai_systems', 'impact_assessments', 'tasks', 'deployments', 'monitoring_events', 'stage_transitions', 'material_changes', 'pdca_items', 'management_reviews', 'internal_audits', 'manual_evidence', 'audit_events']) {
    await db.query(`ANALYZE ${table}`);
  }
  const auditSeconds = (performance.now() - auditStart) / 1000;
  const counts: Array<{ t: string; n: number }> = await db.query(
    `SELECT t, n FROM (VALUES ('ai_systems', (SELECT count(*) FROM ai_systems)), ('impact_assessments', (SELECT count(*) FROM impact_assessments)),
       ('tasks', (SELECT count(*) FROM tasks)), ('deployments', (SELECT count(*) FROM deployments)), ('monitoring_events', (SELECT count(*) FROM monitoring_events)),
       ('stage_transitions', (SELECT count(*) FROM stage_transitions)), ('material_changes', (SELECT count(*) FROM material_changes)), ('pdca_items', (SELECT count(*) FROM pdca_items)), ('manual_evidence', (SELECT count(*) FROM manual_evidence)),
       ('audit_events', (SELECT count(*) FROM audit_events)), ('audit_events with a system', (SELECT count(*) FROM audit_events WHERE ai_system_id IS NOT NULL))) v(t, n)`,
  );
  const [{ n: systems }] = await db.query(`SELECT count(*)::int AS n FROM ai_systems`);
  const ids: string[] = (await db.query(`SELECT id FROM bench_health_ids`)).map((r: { id: string }) => r.id);
  await db.query(`DROP TABLE bench_health_ids`);
  log(`seeded evidence for ${seeded} systems in ${round(evidenceSeconds, 1)} s and ${opts.auditEvents} audit events in ${round(auditSeconds, 1)} s: ${counts.map((c) => `${c.t} ${c.n}`).join(', ')}`);
  return { ids, systems, counts, evidenceSeconds, auditSeconds };
}

/** How many systems change between two reports in the burst measurement. */
export const HEALTH_BURST = 100;
/** Warm reports (nothing changed) per round, next to one baseline. */
const WARM_PER_ROUND = 10;
/** Bursts per round, each followed by a report. */
const BURSTS_PER_ROUND = 4;

/** Polls the report until the store is current (no `pending`); the seconds it took and the reasons seen. */
async function untilCurrent(ctx: BenchContext): Promise<{ seconds: number; seen: string[] }> {
  const t0 = performance.now();
  const seen = new Set<string>();
  for (;;) {
    const response = await fetch(`${ctx.baseUrl}/api/v1/reports/control-health`, { headers: { authorization: `Bearer ${ctx.token}`, accept: 'application/json' } });
    if (response.status !== 200) throw new Error(`GET /reports/control-health: ${response.status} ${(await response.text()).slice(0, 300)}`);
    const body = (await response.json()) as { pending?: { reason: string; systems: number } };
    if (!body.pending) return { seconds: (performance.now() - t0) / 1000, seen: [...seen] };
    seen.add(body.pending.reason);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The report, refusing an answer that is not current: the timed figure must be the exact one. */
async function currentReport(ctx: BenchContext): Promise<number> {
  const response = await fetch(`${ctx.baseUrl}/api/v1/reports/control-health`, { headers: { authorization: `Bearer ${ctx.token}`, accept: 'application/json' } });
  const body = (await response.json()) as { pending?: unknown };
  if (response.status !== 200 || body.pending) throw new Error(`GET /reports/control-health: ${response.status}, pending ${JSON.stringify(body.pending)}`);
  return 0;
}

/**
 * What the audit-events trigger (audit_system_heads and the control-health mark) adds to a
 * hash-chained append that names a system: the same appends with the trigger and without it,
 * interleaved in blocks, each in its own transaction.
 */
async function appendCost(db: DataSource, systemIds: string[], appends: number): Promise<{ withTrigger: number; without: number }> {
  const run = `${Date.now()}`;
  const payload = { decision: 'approve', comment: 'benchmark' };
  const seqs = new Map<string, number>();
  const append = (i: number) => {
    const aiSystemId = systemIds[i % systemIds.length];
    const streamId = `bench-heads-${run}-${aiSystemId}`;
    const seq = (seqs.get(streamId) ?? 0) + 1;
    seqs.set(streamId, seq);
    return db.transaction((tx) => appendAuditEvent(tx, { streamId, seq, eventType: 'bench.event', actorLabel: 'bench', aiSystemId, payload, occurredAt: new Date() }));
  };
  let withTrigger = 0;
  let without = 0;
  for (let block = 0; block < appends; block += 250) {
    let t0 = performance.now();
    for (let i = block; i < block + 250; i++) await append(i);
    withTrigger += performance.now() - t0;
    await db.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_heads`);
    try {
      t0 = performance.now();
      for (let i = block; i < block + 250; i++) await append(appends + i);
      without += performance.now() - t0;
    } finally {
      await db.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_heads`);
    }
  }
  // the appends made without the trigger are not in the heads: recount those systems as the migration does
  await db.query(
    `INSERT INTO audit_system_heads (ai_system_id, events, latest_at)
     SELECT ai_system_id, count(*), max(occurred_at) FROM audit_events WHERE ai_system_id = ANY($1::uuid[]) GROUP BY ai_system_id
     ON CONFLICT (ai_system_id) DO UPDATE SET events = excluded.events, latest_at = excluded.latest_at`,
    [systemIds],
  );
  await db.query(`UPDATE ai_systems SET updated_at = updated_at WHERE id = ANY($1::uuid[])`, [systemIds]);
  return { withTrigger: (withTrigger * 1000) / appends, without: (without * 1000) / appends };
}

/**
 * Seeds (seedControlHealth), lets the store (ControlHealthStore) catch up with the seeded
 * systems, rebuilds it once (an SoA exclusion published), then times in rounds, interleaved: the
 * plain SQL baseline over the same tables, the organisation-wide report with nothing changed
 * (warm), the report right after `HEALTH_BURST` systems changed (a monitoring event each), and
 * one random system's controls (GET /ai-systems/{id}/controls) with the baseline narrowed to it.
 */
export async function runControlHealthAtScale(
  ctx: BenchContext,
  opts: { systems: number; auditEvents: number; requests: number; lookups: number },
): Promise<ScenarioResult> {
  const db = ctx.dataSource;
  const { ids, systems, counts, evidenceSeconds, auditSeconds } = await seedControlHealth(db, ctx.log, opts);
  const seeded = ids.length;
  if (KINDS_WITHOUT_BASELINE.length) ctx.log(`evidence kinds the baseline does not aggregate: ${KINDS_WITHOUT_BASELINE.join(', ')}`);

  // The seeding marked every seeded system changed: the store counts them (as after a bulk import).
  const catchUp = await untilCurrent(ctx);
  ctx.log(`control-health store current after seeding in ${round(catchUp.seconds, 1)} s (${catchUp.seen.join(', ') || 'nothing pending'})`);
  // A change of basis: every system recomputed, as on a first start or a new SoA.
  const [owner] = await db.query(`SELECT id FROM users ORDER BY created_at LIMIT 1`);
  const [{ n: soaVersion }] = await db.query(`SELECT coalesce(max(version), 0) + 1 AS n FROM soa_versions`);
  const soaId = (await db.query(`SELECT gen_random_uuid() AS id`))[0].id;
  await db.query(`UPDATE soa_versions SET status = 'superseded' WHERE status = 'published'`);
  await db.query(`INSERT INTO soa_versions (id, version, status, document, sha256, published_at) VALUES ($1, $2, 'published', '{}', $3, now())`, [soaId, soaVersion, 'b'.repeat(64)]);
  await db.query(
    `INSERT INTO soa_entries (version_id, framework, ref, applicable, justification, implementation_status, owner_id) VALUES ($1, 'iso27001', 'A.8.32', false, 'run by the hosting provider', 'not_started', $2)`,
    [soaId, owner.id],
  );
  const rebuild = await untilCurrent(ctx);
  ctx.log(`control-health store rebuilt in ${round(rebuild.seconds, 1)} s (${rebuild.seen.join(', ') || 'nothing pending'})`);

  const baseline = (one?: string) => Promise.all(baselineQueries(one).map(([sql, params]) => db.query(sql, params)));
  const pick = () => ids[Math.floor(Math.random() * ids.length)];
  const burst = () =>
    db.query(
      `INSERT INTO monitoring_events (id, ai_system_id, kind, severity, metric, occurred_at, received_at)
       SELECT gen_random_uuid(), s, 'performance', 'low', 'bench burst', now(), now() FROM unnest($1::uuid[]) AS s`,
      [Array.from({ length: HEALTH_BURST }, pick)],
    );
  // Warm-ups, then interleaved rounds, so that load from elsewhere on the machine falls on all alike.
  const bytes = await get(ctx, '/api/v1/reports/control-health');
  await currentReport(ctx);
  await baseline();
  for (let i = 0; i < 5; i++) {
    await get(ctx, `/api/v1/ai-systems/${pick()}/controls`);
    await baseline(pick());
  }
  const warm: number[] = [];
  const afterBurst: number[] = [];
  const plainSql: number[] = [];
  const lookup: number[] = [];
  const lookupSql: number[] = [];
  const perRound = Math.max(1, Math.ceil(opts.lookups / opts.requests));
  for (let i = 0; i < opts.requests; i++) {
    plainSql.push(await time(() => baseline()));
    for (let j = 0; j < WARM_PER_ROUND; j++) warm.push(await time(() => currentReport(ctx)));
    for (let j = 0; j < BURSTS_PER_ROUND; j++) {
      await burst();
      afterBurst.push(await time(() => currentReport(ctx)));
    }
    for (let j = 0; j < perRound && lookup.length < opts.lookups; j++) {
      const id = pick();
      lookup.push(await time(() => get(ctx, `/api/v1/ai-systems/${id}/controls`)));
      lookupSql.push(await time(() => baseline(pick())));
    }
  }
  const appends = await appendCost(db, ids.slice(0, 50), 2000);
  const p = (values: number[], q: number) => round(percentile(values, q), 1);
  const vs = (name: string, values: number[], base: number[], baseName: string, q: number, target?: { text: string; met: boolean }): Metric => ({
    name: `${name} p${q}`,
    value: p(values, q),
    unit: 'ms',
    baseline: { name: `${baseName} p${q}`, value: p(base, q), unit: 'ms' },
    ratio: round(p(values, q) / p(base, q)),
    ...(target ? { target: target.text, met: target.met } : {}),
  });
  const warmP50 = p(warm, 50);
  const burstP50 = p(afterBurst, 50);
  const reportTarget = (value: number) => ({ text: '<= 3x plain SQL and < 100 ms', met: value <= 3 * p(plainSql, 50) && value < 100 });
  const report = 'organisation control health (GET /reports/control-health)';
  return {
    scenario: 'control health at scale',
    metrics: [
      { name: `seed evidence for ${seeded} systems (${systems} in the inventory)`, value: round(evidenceSeconds, 1), unit: 's' },
      { name: `seed ${opts.auditEvents} audit events attached to them`, value: round(auditSeconds, 1), unit: 's' },
      { name: `control-health store catching up with ${seeded} seeded systems`, value: round(catchUp.seconds, 1), unit: 's' },
      { name: `control-health store rebuilt for a new SoA (${systems} systems)`, value: round(rebuild.seconds, 1), unit: 's' },
      vs(`${report}, nothing changed`, warm, plainSql, 'plain per-kind SQL aggregates', 50, reportTarget(warmP50)),
      vs(`${report}, nothing changed`, warm, plainSql, 'plain per-kind SQL aggregates', 95),
      vs(`${report}, nothing changed`, warm, plainSql, 'plain per-kind SQL aggregates', 99),
      vs(`${report}, ${HEALTH_BURST} systems changed since the last`, afterBurst, plainSql, 'plain per-kind SQL aggregates', 50, reportTarget(burstP50)),
      vs(`${report}, ${HEALTH_BURST} systems changed since the last`, afterBurst, plainSql, 'plain per-kind SQL aggregates', 95),
      vs(`${report}, ${HEALTH_BURST} systems changed since the last`, afterBurst, plainSql, 'plain per-kind SQL aggregates', 99),
      vs('one system’s controls (GET /ai-systems/{id}/controls)', lookup, lookupSql, 'the same aggregates for one system', 50),
      vs('one system’s controls (GET /ai-systems/{id}/controls)', lookup, lookupSql, 'the same aggregates for one system', 95),
      vs('one system’s controls (GET /ai-systems/{id}/controls)', lookup, lookupSql, 'the same aggregates for one system', 99, {
        text: 'p99 < 50 ms',
        met: p(lookup, 99) < 50,
      }),
      {
        name: 'hash-chained append naming a system, with the audit-events heads trigger',
        value: round(appends.withTrigger, 0),
        unit: 'µs',
        baseline: { name: 'the same append with the trigger disabled', value: round(appends.without, 0), unit: 'µs' },
        ratio: round(appends.withTrigger / appends.without),
      },
      { name: 'control-health report size', value: round(bytes / 1024, 1), unit: 'KiB' },
    ],
    notes: [
      `${opts.requests} rounds, each: one baseline, ${WARM_PER_ROUND} reports with nothing changed, ${BURSTS_PER_ROUND} times ${HEALTH_BURST} random systems changed (one monitoring event each, one INSERT) and the report right after, and lookups of one system next to their baseline; sequential, after warm-ups; HTTP timings include authentication and JSON; a report still pending fails the run`,
      'baseline: per evidence kind count(*) and max(date) GROUP BY system (or organisation-wide) over the same tables with the same filters, plus the systems, open nonconformities/corrective actions, overdue reviews and last decided reviews, issued at once on 4 connections from the bench process; no titles, no health computation, no HTTP',
      'catching up: the seeding marked every seeded system changed, and the store recounted them in the background (polled once a second); rebuilt: an SoA version excluding one control published (SQL), which changes what every system’s health depends on',
      `append cost: 2,000 hash-chained appends naming one of 50 systems (one stream each), each in its own transaction, in blocks of 250 with the trigger and without`,
      `rows: ${counts.map((c) => `${c.t} ${c.n}`).join(', ')}`,
      ...(KINDS_WITHOUT_BASELINE.length ? [`evidence kinds without a baseline aggregate (the report reads them, the baseline does not): ${KINDS_WITHOUT_BASELINE.join(', ')}`] : []),
    ],
  };
}
