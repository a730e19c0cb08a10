import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsNumber, IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CHECKSUM_PATTERN } from '@aigov/domain/artifact-ref';
import { MONITORING_EVENT_KINDS, MONITORING_SEVERITIES } from '@aigov/domain/monitoring-event';
import { RETIREMENT_CHECKLIST_ITEMS } from '@aigov/domain/retirement-checklist';
import { OptionalNested, OptionalNestedList } from '../../common/governance-dto';

const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/;

export class ArtifactRefDto {
  @ApiProperty({ example: 'cv-ranker' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: '3.1.0' })
  @IsString()
  @Length(1, 100)
  version: string;

  @ApiProperty({ example: `sha256:${'9f86d081884c7d65'.repeat(4)}`, description: 'sha256:, sha384: or sha512: and the lower-case hex digest' })
  @IsString()
  @Matches(CHECKSUM_PATTERN, { message: 'checksum must be sha256:, sha384: or sha512: followed by the lower-case hex digest' })
  checksum: string;
}

export class RecordDeploymentDto {
  @ApiProperty({ example: '1.0.0', description: 'must be the approved version, or a later one after a new approval' })
  @IsString()
  @Matches(VERSION, { message: 'version must be 1-100 letters, digits, dots, dashes, underscores or plus signs' })
  version: string;

  @ApiProperty({ example: 'production' })
  @IsString()
  @Length(1, 100)
  environment: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'model and runtime configuration recorded as evidence' })
  @IsOptional()
  @IsObject()
  configuration?: Record<string, unknown>;

  @OptionalNested(() => ArtifactRefDto, 'the model deployed; omitted on a redeployment, the version’s own is kept')
  model?: ArtifactRefDto;

  @OptionalNestedList(() => ArtifactRefDto, 'training and evaluation data of the deployed model')
  datasets?: ArtifactRefDto[];
}

export class RecordMonitoringEventDto {
  @ApiProperty({ enum: MONITORING_EVENT_KINDS })
  @IsIn(MONITORING_EVENT_KINDS, { message: `kind must be one of ${MONITORING_EVENT_KINDS.join(', ')}` })
  kind: (typeof MONITORING_EVENT_KINDS)[number];

  @ApiProperty({ enum: MONITORING_SEVERITIES, description: 'critical starts a review at once' })
  @IsIn(MONITORING_SEVERITIES, { message: `severity must be one of ${MONITORING_SEVERITIES.join(', ')}` })
  severity: (typeof MONITORING_SEVERITIES)[number];

  @ApiPropertyOptional({ example: 'accuracy' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  metric?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  observedValue?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  threshold?: number;

  @ApiPropertyOptional({ example: 'model monitor' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  source?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  description?: string;
}

export class RollbackDto {
  @ApiProperty({ example: 'latency regression' })
  @IsString()
  @Length(1, 2000)
  reason: string;

  @ApiPropertyOptional({ description: 'an approved version; defaults to the one before the current' })
  @IsOptional()
  @IsString()
  @Matches(VERSION, { message: 'targetVersion must be 1-100 letters, digits, dots, dashes, underscores or plus signs' })
  targetVersion?: string;
}

export class StartRetirementDto {
  @ApiProperty({ example: 'replaced by a new vendor' })
  @IsString()
  @Length(1, 2000)
  reason: string;

  @ApiPropertyOptional({ enum: RETIREMENT_CHECKLIST_ITEMS, isArray: true, description: 'checklist items already done' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(RETIREMENT_CHECKLIST_ITEMS, { each: true, message: `each item must be one of ${RETIREMENT_CHECKLIST_ITEMS.join(', ')}` })
  completedItems?: Array<(typeof RETIREMENT_CHECKLIST_ITEMS)[number]>;
}

export class CompleteChecklistItemDto {
  @ApiPropertyOptional({ example: 'API keys revoked in the vault' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
