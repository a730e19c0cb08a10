import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
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
}
