import { ApiProperty } from '@nestjs/swagger';
import { manualEvidenceExpiry, MANUAL_EVIDENCE_FORMS, MANUAL_EVIDENCE_STATUSES } from '@aigov/domain/evidence/manual-evidence';
import type { ManualEvidenceEntity } from '@aigov/persistence/entities';
import { ManualEvidenceControlDto } from './manual-evidence.dto';

export class ManualEvidenceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: MANUAL_EVIDENCE_FORMS }) form: string;
  @ApiProperty({ type: String, nullable: true, description: 'the link, for a link' }) url: string | null;
  @ApiProperty({ type: String, nullable: true }) mediaType: string | null;
  @ApiProperty({ type: String, nullable: true }) fileName: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'bytes, for a document' }) sizeBytes: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the document, lower-case hex' }) sha256: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'where to download the document' }) contentLink: string | null;
  @ApiProperty({ type: [ManualEvidenceControlDto] }) controls: ManualEvidenceControlDto[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'empty: organisation-wide' }) aiSystemIds: string[];
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ enum: ['valid', 'expiring', 'expired'], description: 'expiring: within 30 days of its expiry' }) expiry: string;
  @ApiProperty({ enum: MANUAL_EVIDENCE_STATUSES }) status: string;
  @ApiProperty({ description: 'raised by every replacement' }) version: number;
  @ApiProperty({ format: 'uuid' }) createdById: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: String, nullable: true }) withdrawnAt: string | null;
  @ApiProperty({ type: String, nullable: true }) withdrawalReason: string | null;
}

export class ManualEvidencePage {
  @ApiProperty({ type: [ManualEvidenceView] }) items: ManualEvidenceView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export function toManualEvidenceView(e: ManualEvidenceEntity, now: Date): ManualEvidenceView {
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    form: e.form,
    url: e.url,
    mediaType: e.mediaType,
    fileName: e.fileName,
    sizeBytes: e.sizeBytes,
    sha256: e.sha256,
    contentLink: e.form === 'document' ? `/api/v1/manual-evidence/${e.id}/content` : null,
    controls: e.controls,
    aiSystemIds: e.aiSystemIds,
    ownerId: e.ownerId,
    expiresAt: e.expiresAt.toISOString(),
    expiry: manualEvidenceExpiry(e.expiresAt.getTime(), now.getTime()),
    status: e.status,
    version: e.version,
    createdById: e.createdById,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    withdrawnAt: e.withdrawnAt ? e.withdrawnAt.toISOString() : null,
    withdrawalReason: e.withdrawalReason,
  };
}
