import { ApiProperty } from '@nestjs/swagger';
import { BREACH_RESPONSES, describeThreshold, MonitoringPlanMetric, THRESHOLD_DIRECTIONS } from '@aigov/domain/monitoring-plan';
import { FOLLOW_UP_KINDS } from '@aigov/domain/monitoring-plan-checks';
import type { MonitoringPlanEntity } from '@aigov/persistence/entities';

export class PlanPersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class MetricThresholdView {
  @ApiProperty() value: number;
  @ApiProperty({ enum: THRESHOLD_DIRECTIONS }) direction: string;
  @ApiProperty() unit: string;
}

export class MonitoringPlanMetricView {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() measures: string;
  @ApiProperty({ type: MetricThresholdView }) threshold: MetricThresholdView;
  @ApiProperty({ example: 'at least 0.85 ratio' }) thresholdText: string;
  @ApiProperty() dataSource: string;
  @ApiProperty({ example: 'P1W' }) cadence: string;
  @ApiProperty({ enum: BREACH_RESPONSES }) onBreach: string;
}

export class MonitoringPlanView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: PlanPersonView }) responsible: PlanPersonView;
  @ApiProperty({ type: [MonitoringPlanMetricView] }) metrics: MonitoringPlanMetricView[];
  @ApiProperty() feedback: string;
  @ApiProperty({ type: String, nullable: true }) changeNote: string | null;
  @ApiProperty({ type: PlanPersonView }) createdBy: PlanPersonView;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class RecordedFollowUpView {
  @ApiProperty({ enum: FOLLOW_UP_KINDS }) kind: string;
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class RecordedMetricCheckView {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: MetricThresholdView, description: 'the threshold as it stood in the plan version checked' }) threshold: MetricThresholdView;
  @ApiProperty() observedValue: number;
  @ApiProperty() withinThreshold: boolean;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: RecordedFollowUpView, nullable: true }) followUp: RecordedFollowUpView | null;
}

/** A review's checks against the plan, as the review keeps them. */
export class RecordedMonitoringChecksView {
  @ApiProperty() planVersion: number;
  @ApiProperty({ type: [RecordedMetricCheckView], description: 'in the plan’s order' }) results: RecordedMetricCheckView[];
}

/** A system's plan as its page shows it: the current version, or why there is none. */
export class MonitoringPlanStatusView {
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty({ type: String, nullable: true, enum: ['prohibited', 'high', 'limited', 'minimal'] }) riskTier: string | null;
  @ApiProperty({ description: 'high-risk systems must have a plan (EU AI Act Art. 72)' }) required: boolean;
  @ApiProperty({ enum: ['present', 'missing', 'not_required'], description: 'missing: a high-risk system without a plan, shown as a gap (it does not block deployment)' })
  status: 'present' | 'missing' | 'not_required';
  @ApiProperty({ type: MonitoringPlanView, nullable: true }) plan: MonitoringPlanView | null;
  @ApiProperty({ description: 'whether the caller may create or edit the plan (the accountable owner, the governance office)' }) canEdit: boolean;
}

export class MonitoringPlanVersionsView {
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty({ type: [MonitoringPlanView], description: 'newest first' }) versions: MonitoringPlanView[];
}

export class MonitoringGapView {
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty() name: string;
  @ApiProperty() stage: string;
  @ApiProperty({ type: PlanPersonView }) owner: PlanPersonView;
}

export class SheetEventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty() severity: string;
  @ApiProperty({ type: String, nullable: true }) metric: string | null;
  @ApiProperty({ type: Number, nullable: true }) observedValue: number | null;
  @ApiProperty({ type: Number, nullable: true }) threshold: number | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: String, nullable: true }) source: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
}

export class SheetMetricView extends MonitoringPlanMetricView {
  @ApiProperty({ type: [SheetEventView], description: 'monitoring events naming this metric since the last review, newest first' }) events: SheetEventView[];
  @ApiProperty({ type: Number, nullable: true, description: 'the newest event’s observed value, as a starting point' }) latestObservedValue: number | null;
}

export class FollowUpOptionView {
  @ApiProperty({ enum: FOLLOW_UP_KINDS }) kind: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() label: string;
}

/** What a reviewer checks against: the plan's current version, with what monitoring reported since the last review. */
export class ReviewSheetView {
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty({ type: String, nullable: true, enum: ['prohibited', 'high', 'limited', 'minimal'] }) riskTier: string | null;
  @ApiProperty({ description: 'true when the review must record every metric of the plan' }) checksRequired: boolean;
  @ApiProperty({ description: 'a high-risk system without a plan: the review goes on, the gap is shown' }) planMissing: boolean;
  @ApiProperty({ type: Number, nullable: true }) planVersion: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'events are listed from the last decided review on (all of them when there was none)' }) since: string | null;
  @ApiProperty({ type: [SheetMetricView] }) metrics: SheetMetricView[];
  @ApiProperty({ type: [SheetEventView], description: 'events since the last review that name no metric of the plan' }) otherEvents: SheetEventView[];
  @ApiProperty({ type: [FollowUpOptionView], description: 'open incidents, material changes and PDCA items a breach can point to' }) followUpOptions: FollowUpOptionView[];
}

const person = (people: ReadonlyMap<string, PlanPersonView>, id: string): PlanPersonView => people.get(id) ?? { id, name: 'unknown person', email: '' };

export function toMetricView(m: MonitoringPlanMetric): MonitoringPlanMetricView {
  return { ...m, threshold: { ...m.threshold }, thresholdText: describeThreshold(m.threshold) };
}

export function toMonitoringPlanView(p: MonitoringPlanEntity, people: ReadonlyMap<string, PlanPersonView>): MonitoringPlanView {
  return {
    id: p.id,
    aiSystemId: p.aiSystemId,
    version: p.version,
    responsible: person(people, p.responsibleId),
    metrics: p.metrics.map(toMetricView),
    feedback: p.feedback,
    changeNote: p.changeNote,
    createdBy: person(people, p.createdById),
    createdAt: p.createdAt.toISOString(),
  };
}
