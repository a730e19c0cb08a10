import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CheckpointVerificationView } from './audit-checkpoint.view';

/** The audit trail in the OpenAPI document, so typed clients (the web app's) see its shape. */
export class AuditEventView {
  @ApiProperty({ description: 'the hash chain the event belongs to: the lifecycle, or one approval round' }) streamId: string;
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'ai_system.registered' }) eventType: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorLabel: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'what happened, as recorded (an object for every event the engine writes)' }) payload: unknown;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt: string;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
}

export class AuditChainBreakView {
  @ApiProperty() streamId: string;
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reason: string;
}

export class AuditVerificationView {
  @ApiProperty({ description: 'true when every hash re-derives and every link holds' }) ok: boolean;
  @ApiProperty({ description: 'streams examined' }) streams: number;
  @ApiProperty({ description: 'events examined; verification stops at the first break' }) events: number;
  @ApiPropertyOptional({ type: AuditChainBreakView, description: 'the first break found' }) firstBroken?: AuditChainBreakView;
}

/** GET /audit/verify: the chain, and the signed checkpoints of its streams' heads (which show a cut-off end); `ok` covers both. */
export class AuditFullVerificationView extends AuditVerificationView {
  @ApiProperty({ type: CheckpointVerificationView, description: 'the checkpoints compared with the chain: a stream shorter than its checkpoint lost its newest events' })
  checkpoints: CheckpointVerificationView;
}

export class AuditTrailView {
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty({ type: [AuditEventView], description: 'oldest first' }) events: AuditEventView[];
  @ApiProperty({ type: AuditVerificationView, description: 'the verification of every stream of the system, made as it was read' }) verification: AuditVerificationView;
}
