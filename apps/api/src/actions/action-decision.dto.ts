import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CHECKLIST_RESULTS } from '@aigov/domain/review-checklist';
import { TASK_DECISIONS } from '../tasks/dto/task-decision.dto';

/** The confirmation form's fields (sent as a form post or JSON). */
export class ActionDecisionDto {
  @ApiProperty({ enum: TASK_DECISIONS })
  @IsIn(TASK_DECISIONS, { message: `decision must be one of ${TASK_DECISIONS.join(', ')}` })
  decision: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  // Review tasks: the checklist as flat form fields (an HTML form cannot post nested objects).
  @IsOptional() @IsIn(CHECKLIST_RESULTS) performance?: string;
  @IsOptional() @IsIn(CHECKLIST_RESULTS) drift?: string;
  @IsOptional() @IsIn(CHECKLIST_RESULTS) bias_fairness?: string;
  @IsOptional() @IsIn(CHECKLIST_RESULTS) incidents?: string;
  @IsOptional() @IsIn(CHECKLIST_RESULTS) data_or_model_changes?: string;
  @IsOptional() @IsIn(CHECKLIST_RESULTS) intended_use?: string;
  @IsOptional() @IsString() @MaxLength(2000) performance_note?: string;
  @IsOptional() @IsString() @MaxLength(2000) drift_note?: string;
  @IsOptional() @IsString() @MaxLength(2000) bias_fairness_note?: string;
  @IsOptional() @IsString() @MaxLength(2000) incidents_note?: string;
  @IsOptional() @IsString() @MaxLength(2000) data_or_model_changes_note?: string;
  @IsOptional() @IsString() @MaxLength(2000) intended_use_note?: string;
  @IsOptional() @IsString() @MaxLength(200) evidence_label?: string;
  @IsOptional() @IsString() @MaxLength(2000) @Matches(/^$|^(https?|s3|gs|file|urn):\S+$/, { message: 'evidence_uri must be an http(s), s3, gs, file or urn reference' })
  evidence_uri?: string;
  @IsOptional() @IsString() @MaxLength(200) corrective_title?: string;
  @IsOptional() @IsString() @MaxLength(4000) corrective_description?: string;
}
