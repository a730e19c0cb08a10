import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { SERIOUS_INCIDENT_CATEGORIES, SeriousIncidentCategory } from '@aigov/domain/serious-incident';
import { IsStorableText } from '../common/clean-text.validator';
import { PageQueryDto } from '../common/pagination';

const CATEGORY_MESSAGE = `category must be one of ${SERIOUS_INCIDENT_CATEGORIES.join(', ')}`;
const CATEGORY_DESCRIPTION =
  'general: 15 days from awareness; death: a person may have died, 10 days; widespread_or_critical_infrastructure: a widespread infringement or a serious ' +
  'incident disrupting critical infrastructure, 2 days (the policy may shorten them, never lengthen)';

/** Marks a monitoring event (an incident) a serious incident under EU AI Act Art. 73 and starts its reporting clock. */
export class DeclareSeriousIncidentDto {
  @ApiProperty({ format: 'uuid', description: "a monitoring event of kind 'incident', or one that opened an incident review (rollback or suspension)" })
  @IsUUID('all', { message: 'monitoringEventId must be a UUID' })
  monitoringEventId: string;

  @ApiProperty({ enum: SERIOUS_INCIDENT_CATEGORIES, description: CATEGORY_DESCRIPTION })
  @IsIn(SERIOUS_INCIDENT_CATEGORIES, { message: CATEGORY_MESSAGE })
  category: SeriousIncidentCategory;

  @ApiPropertyOptional({ format: 'date-time', description: 'when the organisation became aware; default now; may be earlier, never in the future. The clock runs from it.' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'awareAt must be an ISO-8601 date-time' })
  awareAt?: string;

  @ApiProperty({ description: 'what happened and why it is serious, in the words the report will carry', example: 'A wrong triage score delayed treatment of a patient.' })
  @IsString()
  @Length(1, 4000)
  @IsStorableText()
  summary: string;
}

export class ReclassifySeriousIncidentDto {
  @ApiProperty({ enum: SERIOUS_INCIDENT_CATEGORIES, description: `the new category. ${CATEGORY_DESCRIPTION}. Relaxing (a milder category) is for the governance office only, and refused once the deadline was missed.` })
  @IsIn(SERIOUS_INCIDENT_CATEGORIES, { message: CATEGORY_MESSAGE })
  category: SeriousIncidentCategory;

  @ApiProperty({ description: 'why the category changes (audited)', example: 'The hospital confirmed the patient died.' })
  @IsString()
  @Length(1, 4000)
  @IsStorableText()
  reason: string;
}

export class SubmitSeriousIncidentReportDto {
  @ApiProperty({ description: 'the market surveillance authority the report went to', example: 'Bundesnetzagentur' })
  @IsString()
  @Length(1, 300)
  @IsStorableText()
  authority: string;

  @ApiProperty({ description: "the authority's reference (case number, receipt id)", example: 'MSA-2026-0042' })
  @IsString()
  @Length(1, 200)
  @IsStorableText()
  reference: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'when the report reached the authority; default now; not before awareness, not in the future. After the deadline it is recorded as late.' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'submittedAt must be an ISO-8601 date-time' })
  submittedAt?: string;

  @ApiPropertyOptional({ description: 'anything the record should say (how it was sent, who was the contact)' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  @IsStorableText()
  note?: string;
}

export const SERIOUS_INCIDENT_LIST_STATUSES = ['open', 'submitted', 'missed'] as const;

export class ListSeriousIncidentsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: SERIOUS_INCIDENT_LIST_STATUSES, description: 'missed: open past the deadline, or submitted late' })
  @IsOptional()
  @IsIn(SERIOUS_INCIDENT_LIST_STATUSES, { message: `status must be one of ${SERIOUS_INCIDENT_LIST_STATUSES.join(', ')}` })
  status?: (typeof SERIOUS_INCIDENT_LIST_STATUSES)[number];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'aiSystemId must be a UUID' })
  aiSystemId?: string;
}

export const SERIOUS_INCIDENT_REPORT_FORMATS = ['json', 'pdf'] as const;

export class SeriousIncidentReportQuery {
  @ApiPropertyOptional({ enum: SERIOUS_INCIDENT_REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(SERIOUS_INCIDENT_REPORT_FORMATS, { message: `format must be one of ${SERIOUS_INCIDENT_REPORT_FORMATS.join(', ')}` })
  format?: (typeof SERIOUS_INCIDENT_REPORT_FORMATS)[number];
}
