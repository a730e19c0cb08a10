import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CATALOG_FRAMEWORKS } from '@aigov/domain/catalog/control-catalog.types';
import { PageQueryDto } from '../common/pagination';

export class ListControlsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: CATALOG_FRAMEWORKS, description: 'one catalog; all four when left out' })
  @IsOptional()
  @IsIn(CATALOG_FRAMEWORKS, { message: `framework must be one of ${CATALOG_FRAMEWORKS.join(', ')}` })
  framework?: string;

  @ApiPropertyOptional({ description: 'case-insensitive search in ref, title and summary', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
}
