import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LIFECYCLE_STAGES } from '@aigov/domain/lifecycle-stage';
import { RISK_TIERS, RiskReason } from '@aigov/domain/risk-tier';
import type {
  AiSystemEntity,
  DeploymentEntity,
  ImpactAssessmentEntity,
  MonitoringEventEntity,
  StageTransitionEntity,
} from '@aigov/persistence/entities';
import { TaskView } from '../../tasks/dto/task.view';
import { isoDate as iso } from '../../common/iso-date';
import { AI_SYSTEM_ACTIONS, type AiSystemAction } from '../available-actions';

/** One reason for a risk tier, as libs/domain's RiskReason (typed for the web app's client). */
export const RISK_REASON_SCHEMA = {
  type: 'object',
  required: ['code', 'tier', 'questionId', 'text', 'reference'],
  properties: {
    code: { type: 'string', example: 'annex3.employment' },
    tier: { type: 'string', enum: [...RISK_TIERS] },
    questionId: { type: 'string', description: 'the question whose answer triggered it' },
    text: { type: 'string' },
    reference: { type: 'string', example: 'EU AI Act Annex III(4)' },
  },
};

export class AiSystemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() purpose: string;
  @ApiProperty() intendedUse: string;
  @ApiProperty({ format: 'uuid' }) accountableOwnerId: string;
  @ApiProperty() businessUnit: string;
  @ApiProperty({ type: [String] }) dataSources: string[];
  @ApiProperty({ type: [String] }) dataCategories: string[];
  @ApiProperty() personalData: boolean;
  @ApiProperty() specialCategoryData: boolean;
  @ApiProperty() modelType: string;
  @ApiProperty({ enum: ['in_house', 'third_party'] }) vendorType: string;
  @ApiProperty({ type: String, nullable: true }) vendorName: string | null;
  @ApiProperty() deploymentContext: string;
  @ApiProperty({ type: [String] }) affectedStakeholders: string[];
  @ApiProperty() autonomyLevel: string;
  @ApiProperty({ enum: LIFECYCLE_STAGES }) stage: string;
  @ApiProperty({ enum: RISK_TIERS, nullable: true }) riskTier: string | null;
  @ApiProperty({ type: 'array', items: RISK_REASON_SCHEMA }) riskReasons: RiskReason[];
  @ApiProperty({ type: String, nullable: true }) currentVersion: string | null;
  @ApiProperty({ type: String, nullable: true }) lastApprovedVersion: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the MLflow registered model it runs (PUT /ai-systems/{id}/registered-model)' }) registeredModelName: string | null;
  @ApiProperty() approvalRound: number;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) retirementChecklist: AiSystemEntity['retirementChecklist'];
  @ApiProperty() stageEnteredAt: string;
  @ApiProperty({ type: String, nullable: true }) nextReviewAt: string | null;
  @ApiProperty({ format: 'uuid' }) createdById: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class StageTransitionView {
  @ApiProperty() seq: number;
  @ApiProperty({ type: String, nullable: true }) fromStage: string | null;
  @ApiProperty() toStage: string;
  @ApiProperty() action: string;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() occurredAt: string;
}

export class ImpactAssessmentView {
  @ApiProperty() version: number;
  @ApiProperty() templateVersion: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) answers: Record<string, unknown>;
  @ApiProperty({ enum: RISK_TIERS }) riskTier: string;
  @ApiProperty({ type: 'array', items: RISK_REASON_SCHEMA }) reasons: RiskReason[];
  @ApiProperty({ format: 'uuid' }) submittedById: string;
  @ApiProperty() submittedAt: string;
}

export class DeploymentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: string;
  @ApiProperty() environment: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) configuration: Record<string, unknown>;
  @ApiProperty() approvalRound: number;
  @ApiProperty({ enum: ['deploy', 'redeploy', 'rollback'] }) kind: string;
  @ApiProperty({ type: String, nullable: true }) deployedById: string | null;
  @ApiProperty() deployedAt: string;
}

export class MonitoringEventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty() severity: string;
  @ApiPropertyOptional({ type: String, nullable: true }) metric: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) observedValue: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) threshold: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) source: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) description: string | null;
  @ApiProperty() occurredAt: string;
}

/** A person named on a system's page (who holds a task). */
export class PersonRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

/** An open task and who holds it, so the owner knows whom the system waits for. */
export class OpenTaskView extends TaskView {
  @ApiProperty({ type: PersonRefView }) assignee: PersonRefView;
}

export class AiSystemDetailView extends AiSystemView {
  @ApiProperty({ type: [StageTransitionView] }) stageHistory: StageTransitionView[];
  @ApiProperty({ type: [OpenTaskView] }) openTasks: OpenTaskView[];
  @ApiProperty({
    enum: AI_SYSTEM_ACTIONS,
    isArray: true,
    description:
      'what the caller may do to the system now (its stage, its open material change, and whether the caller may act on it); the action requests still answer 409 if the stage moved meanwhile',
  })
  availableActions: AiSystemAction[];
  @ApiProperty({ type: ImpactAssessmentView, nullable: true }) latestAssessment: ImpactAssessmentView | null;
  @ApiProperty({ type: [DeploymentView] }) deployments: DeploymentView[];
  @ApiProperty({ type: [MonitoringEventView], description: 'the 20 most recent' }) recentMonitoringEvents: MonitoringEventView[];
  @ApiProperty({
    type: 'array',
    description: 'nonconformities, corrective actions and improvements of this system not yet closed',
    items: { type: 'object', properties: { id: { type: 'string' }, kind: { type: 'string' }, title: { type: 'string' }, phase: { type: 'string' }, dueAt: { type: 'string', nullable: true } } },
  })
  openPdcaItems: Array<{ id: string; kind: string; title: string; phase: string; dueAt: string | null }>;
  @ApiProperty({
    nullable: true,
    type: 'object',
    description: 'a material change being re-assessed, approved or awaiting deployment',
    properties: { id: { type: 'string' }, status: { type: 'string' }, version: { type: 'string' }, kinds: { type: 'array', items: { type: 'string' } } },
  })
  pendingChange: { id: string; status: string; version: string; kinds: string[] } | null;
}

export class AssessmentResultView {
  @ApiProperty() version: number;
  @ApiProperty({ enum: RISK_TIERS }) riskTier: string;
  @ApiProperty({ type: 'array', items: RISK_REASON_SCHEMA }) reasons: RiskReason[];
  @ApiProperty({ enum: LIFECYCLE_STAGES, description: 'approval, or rejected for a prohibited practice' }) stage: string;
  @ApiProperty({ type: AiSystemView }) system: AiSystemView;
}

export class MonitoringResultView {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ description: 'true when the event started an immediate review' }) reviewStarted: boolean;
  @ApiProperty({ enum: ['record', 'review', 'rollback', 'suspend'], description: "the response the tier's thresholds chose" }) response: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'after a rollback or suspension: the incident review (a PDCA item)' })
  incidentItemId: string | null;
  @ApiProperty({ enum: LIFECYCLE_STAGES }) stage: string;
  @ApiProperty({ type: AiSystemView }) system: AiSystemView;
}

export function toAiSystemView(s: AiSystemEntity): AiSystemView {
  return {
    id: s.id,
    name: s.name,
    purpose: s.purpose,
    intendedUse: s.intendedUse,
    accountableOwnerId: s.accountableOwnerId,
    businessUnit: s.businessUnit,
    dataSources: s.dataSources,
    dataCategories: s.dataCategories,
    personalData: s.personalData,
    specialCategoryData: s.specialCategoryData,
    modelType: s.modelType,
    vendorType: s.vendorType,
    vendorName: s.vendorName,
    deploymentContext: s.deploymentContext,
    affectedStakeholders: s.affectedStakeholders,
    autonomyLevel: s.autonomyLevel,
    stage: s.stage,
    riskTier: s.riskTier,
    riskReasons: s.riskReasons ?? [],
    currentVersion: s.currentVersion,
    lastApprovedVersion: s.lastApprovedVersion,
    registeredModelName: s.registeredModelName ?? null,
    approvalRound: s.approvalRound,
    retirementChecklist: s.retirementChecklist,
    stageEnteredAt: iso(s.stageEnteredAt)!,
    nextReviewAt: iso(s.nextReviewAt),
    createdById: s.createdById,
    createdAt: iso(s.createdAt)!,
    updatedAt: iso(s.updatedAt)!,
  };
}

export const toStageTransitionView = (t: StageTransitionEntity): StageTransitionView => ({
  seq: t.seq,
  fromStage: t.fromStage,
  toStage: t.toStage,
  action: t.action,
  actorId: t.actorId,
  reason: t.reason,
  occurredAt: iso(t.occurredAt)!,
});

export const toImpactAssessmentView = (a: ImpactAssessmentEntity): ImpactAssessmentView => ({
  version: a.version,
  templateVersion: a.templateVersion,
  answers: a.answers,
  riskTier: a.riskTier,
  reasons: a.reasons,
  submittedById: a.submittedById,
  submittedAt: iso(a.submittedAt)!,
});

export const toDeploymentView = (d: DeploymentEntity): DeploymentView => ({
  id: d.id,
  version: d.version,
  environment: d.environment,
  configuration: d.configuration,
  approvalRound: d.approvalRound,
  kind: d.kind,
  deployedById: d.deployedById,
  deployedAt: iso(d.deployedAt)!,
});

export const toMonitoringEventView = (m: MonitoringEventEntity): MonitoringEventView => ({
  id: m.id,
  kind: m.kind,
  severity: m.severity,
  metric: m.metric,
  observedValue: m.observedValue === null ? null : Number(m.observedValue),
  threshold: m.threshold === null ? null : Number(m.threshold),
  source: m.source,
  description: m.description,
  occurredAt: iso(m.occurredAt)!,
});
