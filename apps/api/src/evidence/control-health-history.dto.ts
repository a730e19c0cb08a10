import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { CATALOG_FRAMEWORKS } from '@aigov/domain/catalog/control-catalog.types';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class ControlHealthHistoryQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-09-01', description: 'first day (UTC), inclusive; default 90 days before `to`' })
  @IsOptional()
  @IsString({ message: 'from must be a day (YYYY-MM-DD)' })
  @Matches(DAY, { message: 'from must be a day (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-30', description: 'last day (UTC), inclusive; default today' })
  @IsOptional()
  @IsString({ message: 'to must be a day (YYYY-MM-DD)' })
  @Matches(DAY, { message: 'to must be a day (YYYY-MM-DD)' })
  to?: string;
}

export class StatusCountsView {
  @ApiProperty() effective: number;
  @ApiProperty() attention: number;
  @ApiProperty() no_evidence: number;
  @ApiProperty() not_applicable: number;
}

export class ControlHealthSnapshotView {
  @ApiProperty({ format: 'date', example: '2026-11-30' }) day: string;
  @ApiProperty({ type: String, format: 'date-time' }) takenAt: string;
  @ApiProperty({ description: 'AI systems in the inventory that day' }) systems: number;
  @ApiProperty({ type: StatusCountsView, description: 'controls per status, organisation-wide' }) totals: StatusCountsView;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/StatusCountsView' },
    description: `controls per status for each framework (${CATALOG_FRAMEWORKS.join(', ')})`,
  })
  byFramework: Record<string, StatusCountsView>;
  @ApiProperty({ type: Number, nullable: true, description: 'the published SoA version applicability came from; null while none was published' }) soaVersion: number | null;
  @ApiProperty() evidenceMapRevision: number;
}

export class ControlHealthHistoryView {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: [ControlHealthSnapshotView], description: 'one snapshot per day taken, oldest first; days without a snapshot are absent' })
  items: ControlHealthSnapshotView[];
}
