import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { APPROVAL_DECISIONS, REVIEW_DECISIONS } from '@aigov/domain/approval-quorum';
import { REVIEW_CHECKLIST_ITEMS } from '@aigov/domain/review-checklist';
import { ChecklistAnswerDto, CorrectiveActionDto, EvidenceRefDto, OptionalNestedList } from '../../common/governance-dto';
import { MonitoringChecksDto } from '../../monitoring-plans/monitoring-plan.dto';

export const TASK_DECISIONS = [...APPROVAL_DECISIONS, ...REVIEW_DECISIONS] as const;

export class TaskDecisionDto {
  @ApiProperty({
    enum: TASK_DECISIONS,
    description: `approval tasks: ${APPROVAL_DECISIONS.join(', ')}; review tasks: ${REVIEW_DECISIONS.join(', ')}`,
  })
  @IsIn(TASK_DECISIONS, { message: `decision must be one of ${TASK_DECISIONS.join(', ')}` })
  decision: string;

  @ApiPropertyOptional({ description: 'required to reject or request changes' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({
    description: `review tasks (required): every item of ${REVIEW_CHECKLIST_ITEMS.join(', ')} answered`,
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ChecklistAnswerDto' },
  })
  @IsOptional()
  @IsObject()
  checklist?: Record<string, ChecklistAnswerDto>;

  @OptionalNestedList(() => EvidenceRefDto, 'review tasks: references to the evidence looked at')
  evidence?: EvidenceRefDto[];

  @ApiPropertyOptional({ type: CorrectiveActionDto, description: 'required with remediate: the corrective action to open' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CorrectiveActionDto)
  correctiveAction?: CorrectiveActionDto;

  @ApiPropertyOptional({
    type: MonitoringChecksDto,
    description:
      'review tasks of a system with a post-market monitoring plan (required then): every metric of the plan’s current version with the value observed and whether it is within the threshold; a breach needs a note, and to continue, a follow-up already open (GET /ai-systems/{id}/monitoring-plan/review-sheet lists the metrics)',
  })
  @IsOptional()
  @IsObject()
  monitoringChecks?: MonitoringChecksDto;
}
