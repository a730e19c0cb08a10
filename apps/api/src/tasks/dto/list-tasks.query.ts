import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { APPROVAL_SUBJECT_KINDS, type ApprovalSubjectKind } from '@aigov/domain/approval-subject';
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

  @ApiPropertyOptional({ format: 'uuid', description: 'tasks about this AI system' })
  @IsOptional()
  @IsUUID('all', { message: 'aiSystemId must be a UUID' })
  aiSystemId?: string;

  @ApiPropertyOptional({ enum: APPROVAL_SUBJECT_KINDS, description: 'tasks about this kind of subject: an AI system, a Statement of Applicability version, a risk acceptance' })
  @IsOptional()
  @IsIn(APPROVAL_SUBJECT_KINDS, { message: `subjectKind must be one of ${APPROVAL_SUBJECT_KINDS.join(', ')}` })
  subjectKind?: ApprovalSubjectKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'tasks about this subject (an AI system, an SoA version or a risk, by id); with subjectKind, of that kind' })
  @IsOptional()
  @IsUUID('all', { message: 'subjectId must be a UUID' })
  subjectId?: string;

  @ApiPropertyOptional({ enum: ['me', 'all'], default: 'me', description: "'all' needs the governance office, auditor or admin role" })
  @IsOptional()
  @IsIn(['me', 'all'], { message: 'assignee must be me or all' })
  assignee: string = 'me';
}
