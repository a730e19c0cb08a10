import { ApiProperty } from '@nestjs/swagger';
import { LIFECYCLE_STAGES } from '@aigov/domain/lifecycle-stage';
import { RISK_TIERS } from '@aigov/domain/risk-tier';

/** GET /reports/lifecycle-stages as JSON, field by field (LifecycleStageReport), so typed clients see its shape. */
export class StageReportRowView {
  @ApiProperty({ enum: LIFECYCLE_STAGES }) stage: string;
  @ApiProperty() count: number;
  @ApiProperty({ type: Number, nullable: true, description: 'days since its systems entered the stage, on average' }) averageDaysInStage: number | null;
  @ApiProperty({ type: Number, nullable: true }) longestDaysInStage: number | null;
}

export class StageReportTierRowView {
  @ApiProperty({ enum: LIFECYCLE_STAGES }) stage: string;
  @ApiProperty({ enum: RISK_TIERS, nullable: true, description: 'null: not assessed yet' }) riskTier: string | null;
  @ApiProperty() count: number;
}

export class StageReportOverdueTasksView {
  @ApiProperty() approval: number;
  @ApiProperty() review: number;
}

export class LifecycleStageReportView {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: [StageReportRowView], description: 'every stage, zero counts included, in lifecycle order' }) byStage: StageReportRowView[];
  @ApiProperty({ type: [StageReportTierRowView] }) byStageAndTier: StageReportTierRowView[];
  @ApiProperty({ description: 'systems whose periodic review is past due' }) overdueReviews: number;
  @ApiProperty({ type: StageReportOverdueTasksView, description: 'open tasks past their due date, by kind' }) overdueTasks: StageReportOverdueTasksView;
  @ApiProperty() openApprovalTasks: number;
  @ApiProperty() openReviewTasks: number;
}
