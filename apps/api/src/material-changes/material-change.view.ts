import { ApiProperty } from '@nestjs/swagger';
import { MATERIAL_CHANGE_KINDS, MATERIAL_CHANGE_STATUSES } from '@aigov/domain/material-change';
import type { MaterialChangeEntity } from '@aigov/persistence/entities';
import { ArtifactRefDto } from '../ai-systems/dto/lifecycle-actions.dto';
import { isoDate } from '../common/iso-date';

export class MaterialChangeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty({ enum: MATERIAL_CHANGE_KINDS, isArray: true }) kinds: string[];
  @ApiProperty() description: string;
  @ApiProperty({ description: 'the version the change deploys as' }) version: string;
  @ApiProperty({ type: String, nullable: true, description: 'the approved version that runs meanwhile' }) runningVersion: string | null;
  @ApiProperty({ type: ArtifactRefDto, nullable: true }) model: ArtifactRefDto | null;
  @ApiProperty({ type: [ArtifactRefDto] }) datasets: ArtifactRefDto[];
  @ApiProperty({ type: String, nullable: true }) newPurpose: string | null;
  @ApiProperty({ type: [String] }) newAffectedGroups: string[];
  @ApiProperty({ enum: MATERIAL_CHANGE_STATUSES }) status: string;
  @ApiProperty({ type: Number, nullable: true }) assessmentVersion: number | null;
  @ApiProperty({ type: Number, nullable: true }) approvalRound: number | null;
  @ApiProperty({ format: 'uuid' }) proposedById: string;
  @ApiProperty({ type: String, nullable: true }) proposedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) deployedAt: string | null;
}

export function toMaterialChangeView(c: MaterialChangeEntity): MaterialChangeView {
  return {
    id: c.id,
    aiSystemId: c.aiSystemId,
    kinds: c.kinds,
    description: c.description,
    version: c.proposedVersion,
    runningVersion: c.runningVersion,
    model: c.modelArtifact,
    datasets: c.dataArtifacts,
    newPurpose: c.newPurpose,
    newAffectedGroups: c.newAffectedGroups,
    status: c.status,
    assessmentVersion: c.assessmentVersion,
    approvalRound: c.approvalRound,
    proposedById: c.proposedById,
    proposedAt: isoDate(c.proposedAt),
    decidedAt: isoDate(c.decidedAt),
    deployedAt: isoDate(c.deployedAt),
  };
}
