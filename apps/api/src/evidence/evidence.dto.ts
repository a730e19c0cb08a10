import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../common/pagination';

export class ControlEvidenceQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'only this AI system’s evidence (organisation-wide evidence stays)' })
  @IsOptional()
  @IsUUID('all', { message: 'aiSystemId must be a UUID' })
  aiSystemId?: string;
}

export class ControlHealthQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'one AI system; the whole organisation when left out' })
  @IsOptional()
  @IsUUID('all', { message: 'aiSystemId must be a UUID' })
  aiSystemId?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}
