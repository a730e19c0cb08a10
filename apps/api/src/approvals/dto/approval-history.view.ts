import { ApiProperty } from '@nestjs/swagger';
import { APPROVAL_ROUND_OUTCOMES } from '@aigov/domain/approval-quorum';

export const ROUND_OUTCOMES = ['in_progress', ...APPROVAL_ROUND_OUTCOMES] as const;
export type RoundOutcome = (typeof ROUND_OUTCOMES)[number];

export class ApprovalPersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
}

export class ApprovalTaskHistoryView {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ type: ApprovalPersonView }) assignee: ApprovalPersonView;
  @ApiProperty({ type: ApprovalPersonView, nullable: true, description: 'whom the assignee decided for (delegation or out of office)' })
  onBehalfOf: ApprovalPersonView | null;
  @ApiProperty({ enum: ['open', 'decided', 'cancelled', 'expired', 'delegated'] }) status: string;
  @ApiProperty({ description: 'when the person was asked' }) askedAt: string;
  @ApiProperty({ type: String, nullable: true }) dueAt: string | null;
  @ApiProperty({ type: String, nullable: true }) remindedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) escalatedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decision: string | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) delegatedToTaskId: string | null;
  @ApiProperty({ type: String, nullable: true }) delegationReason: string | null;
}

export class ApprovalStepHistoryView {
  @ApiProperty() index: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: [ApprovalTaskHistoryView] }) tasks: ApprovalTaskHistoryView[];
}

export class ApprovalEventView {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'approval.decided' }) eventType: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ type: String, nullable: true }) actor: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
}

export class ApprovalRoundView {
  @ApiProperty() round: number;
  @ApiProperty({ enum: ROUND_OUTCOMES }) outcome: RoundOutcome;
  @ApiProperty() startedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'when the last event of a settled round was recorded' }) settledAt: string | null;
  @ApiProperty({ type: [ApprovalStepHistoryView] }) steps: ApprovalStepHistoryView[];
  @ApiProperty({ type: [ApprovalEventView], description: 'the round’s audit events in order: asked, reminded, escalated, delegated, decided' })
  events: ApprovalEventView[];
}

export class ApprovalHistoryView {
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty({ type: [ApprovalRoundView], description: 'newest round first' }) rounds: ApprovalRoundView[];
}
