import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsStorableText } from '../../../common/clean-text.validator';

/** The file's name as the person chose it: kept with the import so they recognise it later. */
export class ImportFileQuery {
  @ApiPropertyOptional({ example: 'ai-inventory-2026-q1.xlsx', description: 'the file’s name, kept with the import record' })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  @IsStorableText()
  fileName?: string;
}
