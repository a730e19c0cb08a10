import { ApiProperty } from '@nestjs/swagger';
import { LIFECYCLE_STAGES } from '@aigov/domain/lifecycle-stage';
import { MONITORING_SEVERITIES } from '@aigov/domain/monitoring-event';
import { PDCA_KINDS } from '@aigov/domain/pdca-item';
import { RISK_TIERS } from '@aigov/domain/risk-tier';
import { StatusCountsView } from '../evidence/control-health-history.dto';
import { RiskMatrixReportView } from '../risks/risk.view';
import { DashboardSeriousIncidentsView } from '../serious-incidents/serious-incidents-dashboard';

/**
 * The governance office's dashboard (`GET /reports/dashboard`), described field by field so the
 * web application's typed client sees its shape. Periods are UTC: months start on the 1st,
 * weeks on Monday.
 */

export class StageCountView {
  @ApiProperty({ enum: LIFECYCLE_STAGES }) stage: string;
  @ApiProperty() count: number;
}

export class TierCountView {
  @ApiProperty({ enum: [...RISK_TIERS, 'none'], description: '`none`: not assessed yet' }) tier: string;
  @ApiProperty() count: number;
}

export class StageTierCountView {
  @ApiProperty({ enum: LIFECYCLE_STAGES }) stage: string;
  @ApiProperty({ enum: [...RISK_TIERS, 'none'], description: '`none`: not assessed yet' }) tier: string;
  @ApiProperty() count: number;
}

export class DaysSummaryView {
  @ApiProperty({ description: 'how many stays the figures cover' }) count: number;
  @ApiProperty({ type: Number, nullable: true, description: 'median, in days (one decimal); null without stays' }) medianDays: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '90th percentile, in days (one decimal)' }) p90Days: number | null;
}

export class TimeInStageView {
  @ApiProperty({ enum: LIFECYCLE_STAGES }) stage: string;
  @ApiProperty({ type: DaysSummaryView, description: 'systems in the stage now: days since they entered it' }) current: DaysSummaryView;
  @ApiProperty({ type: DaysSummaryView, description: 'stays that ended within the period (`periods.monthsFrom` on): days from entering the stage to leaving it' })
  completed: DaysSummaryView;
}

export class DashboardOverdueView {
  @ApiProperty({ description: 'systems whose periodic review is past due: in operation past their review date, or with an open review task past its due date' }) reviews: number;
  @ApiProperty({ description: 'open approval tasks past their due date (AI systems, SoA versions, risk acceptances)' }) approvalTasks: number;
  @ApiProperty({ description: 'open review tasks past their due date' }) reviewTasks: number;
}

export class DashboardOpenTasksView {
  @ApiProperty() approval: number;
  @ApiProperty() review: number;
}

export class ApprovalLeadTimeMonthView {
  @ApiProperty({ example: '2026-11', description: 'the month the decision fell in (UTC)' }) month: string;
  @ApiProperty({ description: 'approval rounds decided (approved, rejected, or changes requested)' }) decisions: number;
  @ApiProperty({ type: Number, nullable: true, description: 'median days from entering approval to the decision' }) medianDays: number | null;
  @ApiProperty({ type: Number, nullable: true }) p90Days: number | null;
}

export class SeverityCountsView {
  @ApiProperty() low: number;
  @ApiProperty() medium: number;
  @ApiProperty() high: number;
  @ApiProperty() critical: number;
}

export class OperationsWeekView {
  @ApiProperty({ format: 'date', example: '2026-11-23', description: 'the Monday the week starts on (UTC)' }) weekStart: string;
  @ApiProperty() monitoringEvents: number;
  @ApiProperty({ type: SeverityCountsView, description: `monitoring events per severity (${MONITORING_SEVERITIES.join(', ')})` }) bySeverity: SeverityCountsView;
  @ApiProperty({ description: 'systems rolled back' }) rollbacks: number;
}

export class PdcaAgeBucketView {
  @ApiProperty({ example: '30-90', description: 'age since the item was raised, in days: `0-30`, `30-90`, `90-180`, `180+`' }) bucket: string;
  @ApiProperty({ description: 'lower bound in days (inclusive)' }) minDays: number;
  @ApiProperty({ type: Number, nullable: true, description: 'upper bound in days (exclusive); null for the last bucket' }) maxDays: number | null;
  @ApiProperty({ description: 'open items (every phase but closed)' }) open: number;
  @ApiProperty({ description: 'of those, past their due date' }) overdue: number;
}

export class DashboardPdcaView {
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
  @ApiProperty({ type: [PdcaAgeBucketView] }) byAge: PdcaAgeBucketView[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: `open items per kind (${PDCA_KINDS.join(', ')})` }) openByKind: Record<string, number>;
}

export class DashboardControlHealthView {
  @ApiProperty({ format: 'date', description: 'the day of the newest daily control-health snapshot' }) day: string;
  @ApiProperty({ format: 'date-time' }) takenAt: string;
  @ApiProperty({ description: 'AI systems in the inventory that day' }) systems: number;
  @ApiProperty({ type: StatusCountsView, description: 'controls per status, organisation-wide' }) totals: StatusCountsView;
}

export class DashboardPeriodsView {
  @ApiProperty({ format: 'date', description: 'first day of the twelve months the lead times and completed stays cover' }) monthsFrom: string;
  @ApiProperty({ format: 'date', description: 'the Monday the twelve weeks of monitoring events and rollbacks start on' }) weeksFrom: string;
}

export class DashboardView {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: DashboardPeriodsView }) periods: DashboardPeriodsView;
  @ApiProperty({ description: 'AI systems in the inventory' }) total: number;
  @ApiProperty({ type: [StageCountView], description: 'every stage, in lifecycle order, zero counts included' }) byStage: StageCountView[];
  @ApiProperty({ type: [TierCountView], description: 'every tier, least restricted first, then `none`' }) byTier: TierCountView[];
  @ApiProperty({ type: [StageTierCountView], description: 'the non-zero (stage, tier) pairs, in lifecycle order' }) byStageAndTier: StageTierCountView[];
  @ApiProperty({ type: [TimeInStageView], description: 'every stage, in lifecycle order' }) timeInStage: TimeInStageView[];
  @ApiProperty({ type: DashboardOverdueView }) overdue: DashboardOverdueView;
  @ApiProperty({ type: DashboardOpenTasksView }) openTasks: DashboardOpenTasksView;
  @ApiProperty({ type: [ApprovalLeadTimeMonthView], description: 'the last twelve months, oldest first, months without decisions included' })
  approvalLeadTime: ApprovalLeadTimeMonthView[];
  @ApiProperty({ type: [OperationsWeekView], description: 'the last twelve weeks, oldest first, the current week last' }) operations: OperationsWeekView[];
  @ApiProperty({ type: DashboardPdcaView }) pdca: DashboardPdcaView;
  @ApiProperty({ type: DashboardControlHealthView, nullable: true, description: 'from the newest daily snapshot; null before the first' })
  controlHealth: DashboardControlHealthView | null;
  @ApiProperty({ type: RiskMatrixReportView, description: 'the risk heat map, as GET /reports/risk-matrix' }) riskMatrix: RiskMatrixReportView;
  @ApiProperty({ type: DashboardSeriousIncidentsView, description: 'EU AI Act Art. 73: open serious incidents with their time left, and missed reporting deadlines' })
  seriousIncidents: DashboardSeriousIncidentsView;
}
