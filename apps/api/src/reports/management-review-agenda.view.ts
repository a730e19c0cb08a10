import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONTROL_HEALTH_STATUSES } from '@aigov/domain/evidence/control-health';
import { StatusCountsView } from '../evidence/control-health-history.dto';
import { AgendaSeriousIncidentsView } from '../serious-incidents/serious-incidents-agenda.view';

/**
 * The management review agenda as the API returns it (`GET /reports/management-system` and a
 * convened review's `agenda`), described field by field so typed clients (the web application)
 * see its shape. Mirrors ManagementReviewAgenda in libs/persistence/src/management-system-summary.ts.
 */
const counts = (description: string) => ({ type: 'object', additionalProperties: { type: 'integer' }, description }) as const;

export class AgendaItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'the PDCA item kind' }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'the PDCA phase' }) phase: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) dueAt: string | null;
  @ApiProperty() overdue: boolean;
}

export class AgendaPreviousActionsView {
  @ApiProperty() total: number;
  @ApiProperty() open: number;
  @ApiProperty(counts('actions per PDCA phase')) byPhase: Record<string, number>;
  @ApiProperty({ type: [AgendaItemView] }) items: AgendaItemView[];
}

export class AgendaInventoryView {
  @ApiProperty() total: number;
  @ApiProperty(counts('AI systems per lifecycle stage')) byStage: Record<string, number>;
  @ApiProperty(counts('AI systems per risk tier (`none` before assessment)')) byTier: Record<string, number>;
  @ApiProperty() registeredSince: number;
  @ApiProperty() retiredSince: number;
}

export class AgendaRiskProfileView {
  @ApiProperty() assessmentsSince: number;
  @ApiProperty(counts('impact assessments submitted since the last review, per computed tier')) assessedTiersSince: Record<string, number>;
}

export class AgendaOpenPdcaItemsView {
  @ApiProperty() total: number;
  @ApiProperty(counts('open items per kind')) byKind: Record<string, number>;
  @ApiProperty({ type: [AgendaItemView] }) items: AgendaItemView[];
}

export class AgendaReviewsAndMonitoringView {
  @ApiProperty(counts('periodic reviews decided since the last review, per decision')) reviewsDecidedSince: Record<string, number>;
  @ApiProperty(counts('monitoring events since the last review, per kind')) monitoringEventsSince: Record<string, number>;
  @ApiProperty() rollbacksSince: number;
}

export class AgendaAuditsView {
  @ApiProperty() completedSince: number;
  @ApiProperty() findingsSince: number;
}

export class AgendaMaterialChangesView {
  @ApiProperty() proposedSince: number;
  @ApiProperty() open: number;
}

export class AgendaOverdueView {
  @ApiProperty() pdcaItems: number;
  @ApiProperty() reviewTasks: number;
  @ApiProperty() approvalTasks: number;
}

export class AgendaSnapshotHeadlineView {
  @ApiProperty({ format: 'date' }) day: string;
  @ApiProperty({ format: 'date-time' }) takenAt: string;
  @ApiProperty() systems: number;
  @ApiProperty({ type: StatusCountsView }) totals: StatusCountsView;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/StatusCountsView' }, description: 'controls per status for each framework' })
  byFramework: Record<string, StatusCountsView>;
  @ApiProperty({ type: Number, nullable: true }) soaVersion: number | null;
  @ApiProperty() evidenceMapRevision: number;
}

export class AgendaControlChangeView {
  @ApiProperty({ example: 'iso42001 A.6.2.6' }) control: string;
  @ApiProperty({ enum: CONTROL_HEALTH_STATUSES, nullable: true, description: 'null: the control appeared since' }) from: string | null;
  @ApiProperty({ enum: CONTROL_HEALTH_STATUSES, nullable: true, description: 'null: the control left the evidence map' }) to: string | null;
}

export class AgendaControlHealthChangeView {
  @ApiProperty({ type: StatusCountsView, description: 'change in controls per status (current minus at the last review)' }) totals: StatusCountsView;
  @ApiProperty({ description: 'how many controls changed status (the list names at most 50)' }) changedCount: number;
  @ApiProperty({ type: [AgendaControlChangeView] }) changed: AgendaControlChangeView[];
  @ApiProperty() improved: number;
  @ApiProperty() worsened: number;
}

export class AgendaControlHealthView {
  @ApiProperty({ type: AgendaSnapshotHeadlineView, nullable: true, description: 'the newest daily snapshot; null before the first' }) current: AgendaSnapshotHeadlineView | null;
  @ApiProperty({ type: AgendaSnapshotHeadlineView, nullable: true, description: 'the snapshot the previous review would have seen' }) atLastReview: AgendaSnapshotHeadlineView | null;
  @ApiProperty({ type: AgendaControlHealthChangeView, nullable: true }) change: AgendaControlHealthChangeView | null;
}

export class ManagementReviewAgendaView {
  @ApiProperty({ format: 'date-time' }) compiledAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'when the previous review was convened; null before the first' }) since: string | null;
  @ApiProperty({ type: AgendaPreviousActionsView, description: 'actions decided by earlier reviews' }) previousActions: AgendaPreviousActionsView;
  @ApiProperty({ type: AgendaInventoryView }) inventory: AgendaInventoryView;
  @ApiProperty({ type: AgendaRiskProfileView }) riskProfile: AgendaRiskProfileView;
  @ApiProperty({ type: AgendaOpenPdcaItemsView }) openPdcaItems: AgendaOpenPdcaItemsView;
  @ApiProperty({ type: AgendaReviewsAndMonitoringView }) reviewsAndMonitoring: AgendaReviewsAndMonitoringView;
  @ApiProperty({ type: AgendaAuditsView }) audits: AgendaAuditsView;
  @ApiProperty({ type: AgendaMaterialChangesView }) materialChanges: AgendaMaterialChangesView;
  @ApiProperty({ type: AgendaOverdueView }) overdue: AgendaOverdueView;
  @ApiPropertyOptional({ type: AgendaControlHealthView, description: 'absent from agendas compiled before control health existed' }) controlHealth?: AgendaControlHealthView;
  @ApiPropertyOptional({ type: AgendaSeriousIncidentsView, description: 'EU AI Act Art. 73 serious incidents and missed reporting deadlines; absent from agendas compiled before they existed' })
  seriousIncidents?: AgendaSeriousIncidentsView;
}
