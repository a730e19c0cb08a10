import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDateString, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PDCA_KINDS, PDCA_PHASES, PDCA_SOURCE_TYPES } from '@aigov/domain/pdca-item';
import { EvidenceRefDto, OptionalNestedList } from '../common/governance-dto';
import { PageQueryDto } from '../common/pagination';

export class CreatePdcaItemDto {
  @ApiProperty({ enum: PDCA_KINDS })
  @IsIn(PDCA_KINDS, { message: `kind must be one of ${PDCA_KINDS.join(', ')}` })
  kind: (typeof PDCA_KINDS)[number];

  @ApiProperty() @IsString() @Length(1, 200) title: string;
  @ApiProperty() @IsString() @Length(1, 4000) description: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'aiSystemId must be a UUID' })
  aiSystemId?: string;

  @ApiPropertyOptional({ enum: PDCA_SOURCE_TYPES, description: "what raised it; default 'ai_system' with aiSystemId, else 'other'" })
  @IsOptional()
  @IsIn(PDCA_SOURCE_TYPES, { message: `sourceType must be one of ${PDCA_SOURCE_TYPES.join(', ')}` })
  sourceType?: (typeof PDCA_SOURCE_TYPES)[number];

  @ApiPropertyOptional({ description: 'id of the review task, monitoring event, audit or management review' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  sourceId?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'ownerId must be a UUID' })
  ownerId: string;

  @ApiProperty({ format: 'date-time' })
  @IsDateString({ strict: true }, { message: 'dueAt must be an ISO-8601 date-time' })
  dueAt: string;
}

export class PlanPdcaItemDto {
  @ApiProperty() @IsString() @Length(1, 4000) rootCause: string;
  @ApiProperty() @IsString() @Length(1, 4000) action: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'defaults to the current owner' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a UUID' })
  ownerId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'a revised due date; re-arms the reminders' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'dueAt must be an ISO-8601 date-time' })
  dueAt?: string;
}

export class CompletePdcaItemDto {
  @ApiProperty({ description: 'what was done' }) @IsString() @Length(1, 4000) note: string;

  @OptionalNestedList(() => EvidenceRefDto, 'references to the evidence of the work done')
  evidence?: EvidenceRefDto[];
}

export class VerifyPdcaItemDto {
  @ApiProperty({ description: 'true closes the item; false reopens it to planning' })
  @IsBoolean({ message: 'effective must be true or false' })
  effective: boolean;

  @ApiProperty() @IsString() @Length(1, 4000) note: string;
}

export class ListPdcaItemsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: PDCA_PHASES }) @IsOptional() @IsIn(PDCA_PHASES) phase?: string;
  @ApiPropertyOptional({ enum: PDCA_KINDS }) @IsOptional() @IsIn(PDCA_KINDS) kind?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') aiSystemId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') ownerId?: string;
  @ApiPropertyOptional({ enum: PDCA_SOURCE_TYPES }) @IsOptional() @IsIn(PDCA_SOURCE_TYPES) sourceType?: string;
  @ApiPropertyOptional({ description: 'only items past their due date and not closed' }) @IsOptional() @IsIn(['true', 'false']) overdue?: string;
}
