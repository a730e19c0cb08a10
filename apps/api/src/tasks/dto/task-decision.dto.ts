import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { APPROVAL_DECISIONS, REVIEW_DECISIONS } from '../../../../../libs/domain/src/approval-quorum';

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
}
