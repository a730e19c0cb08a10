import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { LIFECYCLE_STAGES } from '@aigov/domain/lifecycle-stage';
import { MONITORING_SEVERITIES } from '@aigov/domain/monitoring-event';
import { PDCA_KINDS } from '@aigov/domain/pdca-item';
import { RISK_TIERS } from '@aigov/domain/risk-tier';
import { RisksService } from '../risks/risks.service';
import { seriousIncidentsDashboard } from '../serious-incidents/serious-incidents-dashboard';
import { lastMonths, lastWeeks, PDCA_AGE_BUCKETS, toDays } from './dashboard-periods';
import type { DashboardControlHealthView, DashboardView, DaysSummaryView, OperationsWeekView, SeverityCountsView } from './dashboard.view';

/** The approval outcomes that are a decision (an expired, withdrawn or unstaffed round is not). */
const DECIDED_BY = ['approval_granted', 'approval_rejected', 'approval_changes_requested'];
const TIER_ORDER = [...RISK_TIERS, 'none'];

type Percentiles = [number, number] | null;

/** percentile_cont over an array arrives as [p50, p90] (node-postgres parses float8[]). */
const summary = (count: number, pct: Percentiles): DaysSummaryView => ({
  count,
  medianDays: count && pct ? toDays(pct[0]) : null,
  p90Days: count && pct ? toDays(pct[1]) : null,
});

/**
 * The governance office's dashboard in seven grouped statements, issued at once: the inventory
 * by stage and tier with the age of each stage's systems, overdue reviews, open and overdue
 * tasks, stays and approval rounds that ended in the last twelve months (one pass over those
 * months' stage transitions), monitoring events and rollbacks per week, open PDCA items by age,
 * the newest control-health snapshot; and the risk heat map from the risk register's own report.
 * Every figure is a GROUP BY on the server: nothing per system comes back to the API.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly risks: RisksService,
  ) {}

  async build(): Promise<DashboardView> {
    const now = this.clock.now();
    const { from: monthsFrom, months } = lastMonths(now);
    const { from: weeksFrom, weeks } = lastWeeks(now);
    const q = <T>(sql: string, params: unknown[] = []) => this.dataSource.query<T[]>(sql, params);
    const ageBucket = `CASE ${PDCA_AGE_BUCKETS.filter((b) => b.maxDays !== null)
      .map((b) => `WHEN $1::timestamptz - created_at < interval '${b.maxDays} days' THEN '${b.bucket}'`)
      .join(' ')} ELSE '${PDCA_AGE_BUCKETS.at(-1)!.bucket}' END`;

    const [systems, overdueReviews, tasks, exits, operations, pdca, snapshot, riskMatrix, seriousIncidents] = await Promise.all([
      // per (stage, tier) the count; per stage also the percentiles of how long its systems have been in it
      q<{ stage: string; tier: string | null; per_stage: number; n: number; pct: Percentiles }>(
        `SELECT stage, risk_tier AS tier, grouping(risk_tier) AS per_stage, count(*)::int AS n,
                percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY extract(epoch FROM ($1::timestamptz - stage_entered_at))) AS pct
           FROM ai_systems GROUP BY GROUPING SETS ((stage, risk_tier), (stage))`,
        [now],
      ),
      q<{ n: number }>(
        `SELECT count(*)::int AS n FROM (
           SELECT id FROM ai_systems WHERE stage = 'operation' AND next_review_at < $1
           UNION
           SELECT ai_system_id FROM tasks WHERE kind = 'review' AND status = 'open' AND due_at < $1 AND ai_system_id IS NOT NULL
         ) AS overdue`,
        [now],
      ),
      q<{ kind: string; n: number; overdue: number }>(
        `SELECT kind, count(*)::int AS n, count(*) FILTER (WHERE due_at < $1)::int AS overdue FROM tasks WHERE status = 'open' GROUP BY kind`,
        [now],
      ),
      // Every stage change in the period closes a stay in the stage it left, begun by the change
      // before it (changes within a stage, like deploy_change, are left out first: no new stay).
      // One ordered pass over the transitions (their unique index), no lookup per row.
      q<{ what: 'stay' | 'approval'; key: string; n: number; pct: Percentiles }>(
        `WITH moves AS (
           SELECT from_stage, action, occurred_at,
                  lag(occurred_at) OVER w AS entered_at, lag(to_stage) OVER w AS entered_stage
             FROM stage_transitions WHERE from_stage IS DISTINCT FROM to_stage
           WINDOW w AS (PARTITION BY ai_system_id ORDER BY seq)),
         exits AS MATERIALIZED (
           SELECT from_stage AS stage, action, occurred_at AS left_at, extract(epoch FROM occurred_at - entered_at) AS secs
             FROM moves WHERE occurred_at >= $1 AND entered_stage = from_stage)
         SELECT 'stay' AS what, stage AS key, count(*)::int AS n, percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY secs) AS pct
           FROM exits GROUP BY stage
         UNION ALL
         SELECT 'approval', to_char(date_trunc('month', left_at AT TIME ZONE 'UTC'), 'YYYY-MM'), count(*)::int, percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY secs)
           FROM exits WHERE stage = 'approval' AND action = ANY($2) GROUP BY 2`,
        [monthsFrom, DECIDED_BY],
      ),
      q<{ week: string; what: string; n: number }>(
        `SELECT to_char(date_trunc('week', occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, severity AS what, count(*)::int AS n
           FROM monitoring_events WHERE occurred_at >= $1 GROUP BY 1, 2
         UNION ALL
         SELECT to_char(date_trunc('week', occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD'), 'rollback', count(*)::int
           FROM stage_transitions WHERE to_stage = 'rollback' AND occurred_at >= $1 GROUP BY 1`,
        [weeksFrom],
      ),
      q<{ kind: string; bucket: string; n: number; overdue: number }>(
        `SELECT kind, ${ageBucket} AS bucket, count(*)::int AS n, count(*) FILTER (WHERE due_at < $1)::int AS overdue
           FROM pdca_items WHERE phase <> 'closed' GROUP BY 1, 2`,
        [now],
      ),
      q<{ day: string; taken_at: Date; systems: number; totals: DashboardControlHealthView['totals'] }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, taken_at, systems, totals FROM control_health_snapshots ORDER BY day DESC LIMIT 1`,
      ),
      this.risks.matrixReport(),
      seriousIncidentsDashboard(this.dataSource, now, monthsFrom),
    ]);

    const perStage = new Map(systems.filter((s) => s.per_stage === 1).map((s) => [s.stage, s]));
    const pairs = systems.filter((s) => s.per_stage === 0);
    const stageIndex = (stage: string) => LIFECYCLE_STAGES.indexOf(stage as (typeof LIFECYCLE_STAGES)[number]);
    const tierCount = (tier: string) => pairs.filter((p) => (p.tier ?? 'none') === tier).reduce((n, p) => n + p.n, 0);
    const stays = new Map(exits.filter((e) => e.what === 'stay').map((e) => [e.key, e]));
    const approvals = new Map(exits.filter((e) => e.what === 'approval').map((e) => [e.key, e]));
    const task = (kind: string) => tasks.find((t) => t.kind === kind);

    const week = (weekStart: string): OperationsWeekView => {
      const rows = operations.filter((o) => o.week === weekStart);
      const count = (what: string) => rows.find((r) => r.what === what)?.n ?? 0;
      const bySeverity = Object.fromEntries(MONITORING_SEVERITIES.map((s) => [s, count(s)])) as unknown as SeverityCountsView;
      return { weekStart, monitoringEvents: MONITORING_SEVERITIES.reduce((n, s) => n + count(s), 0), bySeverity, rollbacks: count('rollback') };
    };
    const byAge = PDCA_AGE_BUCKETS.map(({ bucket, minDays, maxDays }) => {
      const rows = pdca.filter((p) => p.bucket === bucket);
      return { bucket, minDays, maxDays, open: rows.reduce((n, r) => n + r.n, 0), overdue: rows.reduce((n, r) => n + r.overdue, 0) };
    });
    const [health] = snapshot;

    return {
      generatedAt: now.toISOString(),
      periods: { monthsFrom: monthsFrom.toISOString().slice(0, 10), weeksFrom: weeksFrom.toISOString().slice(0, 10) },
      total: pairs.reduce((n, p) => n + p.n, 0),
      byStage: LIFECYCLE_STAGES.map((stage) => ({ stage, count: perStage.get(stage)?.n ?? 0 })),
      byTier: TIER_ORDER.map((tier) => ({ tier, count: tierCount(tier) })),
      byStageAndTier: pairs
        .map((p) => ({ stage: p.stage, tier: p.tier ?? 'none', count: p.n }))
        .sort((a, b) => stageIndex(a.stage) - stageIndex(b.stage) || TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier)),
      timeInStage: LIFECYCLE_STAGES.map((stage) => {
        const now = perStage.get(stage);
        const done = stays.get(stage);
        return { stage, current: summary(now?.n ?? 0, now?.pct ?? null), completed: summary(done?.n ?? 0, done?.pct ?? null) };
      }),
      overdue: { reviews: overdueReviews[0]?.n ?? 0, approvalTasks: task('approval')?.overdue ?? 0, reviewTasks: task('review')?.overdue ?? 0 },
      openTasks: { approval: task('approval')?.n ?? 0, review: task('review')?.n ?? 0 },
      approvalLeadTime: months.map((month) => {
        const m = approvals.get(month);
        const s = summary(m?.n ?? 0, m?.pct ?? null);
        return { month, decisions: s.count, medianDays: s.medianDays, p90Days: s.p90Days };
      }),
      operations: weeks.map(week),
      pdca: {
        open: byAge.reduce((n, b) => n + b.open, 0),
        overdue: byAge.reduce((n, b) => n + b.overdue, 0),
        byAge,
        openByKind: Object.fromEntries(PDCA_KINDS.map((kind) => [kind, pdca.filter((p) => p.kind === kind).reduce((n, p) => n + p.n, 0)])),
      },
      controlHealth: health ? { day: health.day, takenAt: new Date(health.taken_at).toISOString(), systems: health.systems, totals: health.totals } : null,
      riskMatrix,
      seriousIncidents,
    };
  }
}
