import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { IMPLEMENTATION_STATUSES, SOA_FRAMEWORKS, SOA_LIMITS } from '@aigov/domain/soa';
import { PageQueryDto } from '../common/pagination';

/**
 * One control's entry in the draft. The shape is checked here for the OpenAPI document; the
 * rules (a justification for inclusion and exclusion, a known status, an active owner) are the
 * domain's `soaEntryProblem` and the service's, so every refusal names its field.
 */
export class UpdateSoaEntryDto {
  @ApiProperty({ description: 'true: the control applies; false: it is excluded' })
  @IsBoolean({ message: 'applicable must be true (the control applies) or false (it is excluded)' })
  applicable: boolean;

  @ApiProperty({ minLength: 1, maxLength: SOA_LIMITS.justification, description: 'why the control is included or excluded (required for both)' })
  @IsString({ message: 'a justification is required for including or excluding a control' })
  @MaxLength(SOA_LIMITS.justification)
  justification: string;

  @ApiProperty({ enum: IMPLEMENTATION_STATUSES, description: "an excluded control is 'not_started'" })
  @IsIn(IMPLEMENTATION_STATUSES, { message: `implementationStatus must be one of ${IMPLEMENTATION_STATUSES.join(', ')}` })
  implementationStatus: (typeof IMPLEMENTATION_STATUSES)[number];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'the person who owns the control (an active user)' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a UUID' })
  ownerId?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: SOA_LIMITS.riskIds, description: 'ids of the risks the control treats' })
  @IsOptional()
  @IsArray({ message: 'riskIds must be a list of risk ids' })
  @ArrayMaxSize(SOA_LIMITS.riskIds)
  @IsString({ each: true })
  @Length(1, SOA_LIMITS.riskId, { each: true })
  riskIds?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: SOA_LIMITS.evidenceNotes, description: 'where the evidence is' })
  @IsOptional()
  @IsString()
  @MaxLength(SOA_LIMITS.evidenceNotes)
  evidenceNotes?: string | null;
}

export class ListSoaQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: SOA_FRAMEWORKS })
  @IsOptional()
  @IsIn(SOA_FRAMEWORKS, { message: `framework must be one of ${SOA_FRAMEWORKS.join(', ')}` })
  framework?: string;

  @ApiPropertyOptional({ description: "'true': only controls with no decision yet; 'false': only decided ones" })
  @IsOptional()
  @IsIn(['true', 'false'], { message: "undecided must be 'true' or 'false'" })
  undecided?: string;
}
