import { ApiProperty } from '@nestjs/swagger';
import { PDCA_KINDS, PDCA_PHASES, PDCA_SOURCE_TYPES } from '@aigov/domain/pdca-item';
import type { PdcaItemEntity } from '@aigov/persistence/entities';
import { EvidenceRefDto } from '../common/governance-dto';
import { isoDate } from '../common/iso-date';

export class PdcaSourceView {
  @ApiProperty({ enum: PDCA_SOURCE_TYPES }) type: string;
  @ApiProperty({ type: String, nullable: true, description: 'the review task, monitoring event, audit, management review or system' }) id: string | null;
}

export class PdcaCompletionView {
  @ApiProperty() note: string | null;
  @ApiProperty({ format: 'uuid' }) byId: string;
  @ApiProperty({ type: String, nullable: true }) at: string | null;
  @ApiProperty({ type: [EvidenceRefDto] }) evidence: EvidenceRefDto[];
}

export class PdcaVerificationView {
  @ApiProperty({ type: Boolean, nullable: true }) effective: boolean | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'uuid' }) byId: string;
  @ApiProperty({ type: String, nullable: true }) at: string | null;
}

export class PdcaItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PDCA_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: PDCA_PHASES }) phase: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) aiSystemId: string | null;
  @ApiProperty({ type: PdcaSourceView }) source: PdcaSourceView;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) ownerId: string | null;
  @ApiProperty({ type: String, nullable: true }) rootCause: string | null;
  @ApiProperty({ type: String, nullable: true }) plannedAction: string | null;
  @ApiProperty({ type: String, nullable: true }) dueAt: string | null;
  @ApiProperty({ description: 'past its due date and not closed' }) overdue: boolean;
  @ApiProperty({ type: PdcaCompletionView, nullable: true }) completion: PdcaCompletionView | null;
  @ApiProperty({ type: PdcaVerificationView, nullable: true }) verification: PdcaVerificationView | null;
  @ApiProperty({ description: 'how often a failed check sent it back to planning' }) reopenCount: number;
  @ApiProperty({ type: String, nullable: true }) remindedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) escalatedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) createdAt: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
}

export function toPdcaItemView(i: PdcaItemEntity, now = new Date()): PdcaItemView {
  return {
    id: i.id,
    kind: i.kind,
    title: i.title,
    description: i.description,
    phase: i.phase,
    aiSystemId: i.aiSystemId,
    source: { type: i.sourceType, id: i.sourceId },
    ownerId: i.ownerId,
    rootCause: i.rootCause,
    plannedAction: i.plannedAction,
    dueAt: isoDate(i.dueAt),
    overdue: i.phase !== 'closed' && i.dueAt !== null && new Date(i.dueAt) < now,
    completion: i.completedById ? { note: i.completionNote, byId: i.completedById, at: isoDate(i.completedAt), evidence: i.evidence } : null,
    verification: i.verifiedById ? { effective: i.effective, note: i.verificationNote, byId: i.verifiedById, at: isoDate(i.verifiedAt) } : null,
    reopenCount: i.reopenCount,
    remindedAt: isoDate(i.remindedAt),
    escalatedAt: isoDate(i.escalatedAt),
    createdAt: isoDate(i.createdAt),
    closedAt: isoDate(i.closedAt),
  };
}

export class PdcaItemPage {
  @ApiProperty({ type: [PdcaItemView] }) items: PdcaItemView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
