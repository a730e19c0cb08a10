import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/pagination';

export class ListTasksQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'decided', 'cancelled', 'expired', 'delegated', 'any'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'decided', 'cancelled', 'expired', 'delegated', 'any'], { message: 'status must be one of open, decided, cancelled, expired, delegated, any' })
  status: string = 'open';

  @ApiPropertyOptional({ enum: ['approval', 'review'] })
  @IsOptional()
  @IsIn(['approval', 'review'], { message: 'kind must be one of approval, review' })
  kind?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  aiSystemId?: string;

  @ApiPropertyOptional({ enum: ['me', 'all'], default: 'me', description: "'all' needs the governance office, auditor or admin role" })
  @IsOptional()
  @IsIn(['me', 'all'], { message: 'assignee must be me or all' })
  assignee: string = 'me';
}
