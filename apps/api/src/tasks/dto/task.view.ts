import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TaskEntity } from '@aigov/persistence/entities';
import { isoDate as iso } from '../../common/iso-date';
import { RecordedMonitoringChecksView } from '../../monitoring-plans/monitoring-plan.view';

export class TaskView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['approval', 'review'] }) kind: string;
  @ApiProperty({ enum: ['ai_system', 'soa', 'risk_acceptance', 'questionnaire'], description: 'what the task approves or reviews' }) subjectKind: string;
  @ApiProperty({ format: 'uuid', description: 'the subject: the AI system, the Statement of Applicability version, the risk, the questionnaire version' }) subjectId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'set when the subject is an AI system' }) aiSystemId: string | null;
  @ApiPropertyOptional({ description: 'the system’s name, for inbox display' }) aiSystemName?: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['open', 'decided', 'cancelled', 'expired', 'delegated'] }) status: string;
  @ApiProperty() round: number;
  @ApiProperty({ type: String, nullable: true }) stepName: string | null;
  @ApiProperty({ format: 'uuid' }) assigneeId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'the person this task is decided for (delegation or out-of-office routing)' })
  delegatedFromId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'on a delegated task: the task that replaced it' })
  delegatedToTaskId: string | null;
  @ApiProperty({ type: String, nullable: true }) delegationReason: string | null;
  @ApiProperty({ type: String, nullable: true }) decision: string | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) decidedById: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) dueAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'when the reminder went out' }) remindedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'when the task was escalated' }) escalatedAt: string | null;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: { type: 'object', required: ['result', 'note'], properties: { result: { type: 'string' }, note: { type: 'string', nullable: true } } },
    description: 'review tasks: the answered checklist',
  })
  checklist: Record<string, { result: string; note: string | null }> | null;
  @ApiProperty({ type: 'array', items: { type: 'object', required: ['label', 'uri'], properties: { label: { type: 'string' }, uri: { type: 'string' } } } })
  evidence: Array<{ label: string; uri: string }>;
  @ApiProperty({ type: RecordedMonitoringChecksView, nullable: true, description: 'review tasks of a system with a monitoring plan: each metric as checked' })
  monitoringChecks: RecordedMonitoringChecksView | null;
  @ApiProperty() createdAt: string;
}

export function toTaskView(t: TaskEntity & { aiSystemName?: string }): TaskView {
  return {
    id: t.id,
    kind: t.kind,
    subjectKind: t.subjectKind,
    subjectId: t.subjectId,
    aiSystemId: t.aiSystemId,
    ...(t.aiSystem?.name || t.aiSystemName ? { aiSystemName: t.aiSystem?.name ?? t.aiSystemName } : {}),
    title: t.title,
    status: t.status,
    round: t.round,
    stepName: t.stepName,
    assigneeId: t.assigneeId,
    delegatedFromId: t.delegatedFromId,
    delegatedToTaskId: t.delegatedToTaskId,
    delegationReason: t.delegationReason,
    decision: t.decision,
    comment: t.comment,
    decidedById: t.decidedById,
    decidedAt: iso(t.decidedAt),
    dueAt: iso(t.dueAt),
    remindedAt: iso(t.remindedAt),
    escalatedAt: iso(t.escalatedAt),
    checklist: t.checklist ?? null,
    evidence: t.evidence ?? [],
    monitoringChecks: t.monitoringChecks ?? null,
    createdAt: iso(t.createdAt)!,
  };
}
