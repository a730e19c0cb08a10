import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../../../libs/config/src/clock';
import { LIFECYCLE_STAGES } from '../../../../libs/domain/src/lifecycle-stage';

export interface LifecycleStageReport {
  generatedAt: string;
  total: number;
  /** every stage, zero counts included, in lifecycle order */
  byStage: Array<{ stage: string; count: number; averageDaysInStage: number | null; longestDaysInStage: number | null }>;
  byStageAndTier: Array<{ stage: string; riskTier: string | null; count: number }>;
  /** systems whose periodic review is past due or open longer than its due date */
  overdueReviews: number;
  /** open tasks past their due date, by kind */
  overdueTasks: { approval: number; review: number };
  openApprovalTasks: number;
  openReviewTasks: number;
}

/** The governance office's portfolio view: where every AI system stands in its lifecycle. */
@Injectable()
export class LifecycleStageReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async build(): Promise<LifecycleStageReport> {
    const now = this.clock.now();
    const [grouped, overdue, tasks, ages] = await Promise.all([
      this.dataSource.query<Array<{ stage: string; risk_tier: string | null; count: number }>>(
        'SELECT stage, risk_tier, count(*)::int AS count FROM ai_systems GROUP BY stage, risk_tier',
      ),
      this.dataSource.query<Array<{ n: number }>>(
        `SELECT count(DISTINCT s.id)::int AS n FROM ai_systems s
          LEFT JOIN tasks t ON t.ai_system_id = s.id AND t.kind = 'review' AND t.status = 'open'
         WHERE (s.stage = 'operation' AND s.next_review_at < $1) OR (t.due_at IS NOT NULL AND t.due_at < $1)`,
        [now],
      ),
      this.dataSource.query<Array<{ kind: string; n: number; overdue: number }>>(
        `SELECT kind, count(*)::int AS n, count(*) FILTER (WHERE due_at < $1)::int AS overdue
           FROM tasks WHERE status = 'open' GROUP BY kind`,
        [now],
      ),
      this.dataSource.query<Array<{ stage: string; avg_days: number; max_days: number }>>(
        `SELECT stage,
                round((avg(extract(epoch FROM ($1 - stage_entered_at))) / 86400)::numeric, 2)::float8 AS avg_days,
                round((max(extract(epoch FROM ($1 - stage_entered_at))) / 86400)::numeric, 2)::float8 AS max_days
           FROM ai_systems GROUP BY stage`,
        [now],
      ),
    ]);
    const order = (stage: string) => LIFECYCLE_STAGES.indexOf(stage as (typeof LIFECYCLE_STAGES)[number]);
    const byStage = LIFECYCLE_STAGES.map((stage) => {
      const age = ages.find((a) => a.stage === stage);
      return {
        stage,
        count: grouped.filter((g) => g.stage === stage).reduce((n, g) => n + g.count, 0),
        averageDaysInStage: age ? Number(age.avg_days) : null,
        longestDaysInStage: age ? Number(age.max_days) : null,
      };
    });
    const byStageAndTier = grouped
      .map((g) => ({ stage: g.stage, riskTier: g.risk_tier, count: g.count }))
      .sort((a, b) => order(a.stage) - order(b.stage) || String(a.riskTier).localeCompare(String(b.riskTier)));
    return {
      generatedAt: now.toISOString(),
      total: grouped.reduce((n, g) => n + g.count, 0),
      byStage,
      byStageAndTier,
      overdueReviews: overdue[0]?.n ?? 0,
      overdueTasks: {
        approval: tasks.find((t) => t.kind === 'approval')?.overdue ?? 0,
        review: tasks.find((t) => t.kind === 'review')?.overdue ?? 0,
      },
      openApprovalTasks: tasks.find((t) => t.kind === 'approval')?.n ?? 0,
      openReviewTasks: tasks.find((t) => t.kind === 'review')?.n ?? 0,
    };
  }
}

/** RFC 4180 CSV: one row per stage and risk tier, zero-count stages included. */
export function lifecycleStageReportCsv(report: LifecycleStageReport): string {
  const rows: string[] = ['stage,risk_tier,count,stage_average_days,stage_longest_days'];
  for (const { stage, count, averageDaysInStage, longestDaysInStage } of report.byStage) {
    const days = `${averageDaysInStage ?? ''},${longestDaysInStage ?? ''}`;
    const tiers = report.byStageAndTier.filter((r) => r.stage === stage);
    if (count === 0) rows.push(`${stage},,0,,`);
    for (const t of tiers) rows.push(`${stage},${t.riskTier ?? ''},${t.count},${days}`);
  }
  return rows.join('\r\n') + '\r\n';
}
