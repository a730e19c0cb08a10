import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { DOCUMENTATION_STATEMENT_MAX } from '@aigov/domain/documentation/documentation-statements';
import { IsStorableText } from '../common/clean-text.validator';

export const DOCUMENT_FORMATS = ['json', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** The documents by their path segment. */
export const DOCUMENT_PATHS = { 'annex-iv': 'annex_iv', fria: 'fria' } as const;
export type DocumentPath = keyof typeof DOCUMENT_PATHS;

export class DocumentFormatQuery {
  @ApiPropertyOptional({ enum: DOCUMENT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(DOCUMENT_FORMATS, { message: `format must be one of ${DOCUMENT_FORMATS.join(', ')}` })
  format: DocumentFormat = 'json';
}

export class SaveStatementDto {
  @ApiProperty({ example: 'Instructions for use v3 (2026-10-01): https://docs.example.test/credit-scorer/ifu-v3.pdf. Deployers get a web form and a score explanation panel.' })
  @IsString()
  @Length(1, DOCUMENTATION_STATEMENT_MAX)
  @IsStorableText()
  text: string;

  @ApiPropertyOptional({ description: 'the version this edit started from (0 for a new statement); another version in the meantime is a 409' })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;
}
