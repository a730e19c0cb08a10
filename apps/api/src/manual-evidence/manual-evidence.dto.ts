import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { CATALOG_FRAMEWORKS } from '@aigov/domain/catalog/control-catalog.types';
import { PageQueryDto } from '../common/pagination';
import { IsStorableText } from '../common/clean-text.validator';
import { OptionalAiSystemIds } from '../common/governance-dto';

/** A control the evidence supports, by framework and ref (A.5.2 exists in both Annexes). */
export class ManualEvidenceControlDto {
  @ApiProperty({ enum: CATALOG_FRAMEWORKS, example: 'iso27001' })
  @IsIn(CATALOG_FRAMEWORKS, { message: `framework must be one of ${CATALOG_FRAMEWORKS.join(', ')}` })
  framework: string;

  @ApiProperty({ example: 'A.5.19' }) @IsString() @Length(1, 40) @IsStorableText() ref: string;
}

/** The document or link itself: give `content` (with `sha256`, `mediaType`, `fileName`) or `url`, not both. */
export class ManualEvidenceBodyDto {
  @ApiPropertyOptional({ format: 'byte', description: 'the document, base64; at most 10 MiB decoded (else 400 `content`)' })
  @IsOptional()
  @IsString()
  content?: string;

  @ApiPropertyOptional({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', description: 'the SHA-256 of the decoded document, lower-case hex; must match (else 400 `sha256`)' })
  @IsOptional()
  @IsString()
  @Length(64, 64, { message: 'sha256 must be 64 lower-case hex digits' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hex digits' })
  sha256?: string;

  @ApiPropertyOptional({ example: 'application/pdf', description: 'the document’s media type (type/subtype)' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/, { message: 'mediaType must be a media type such as application/pdf' })
  mediaType?: string;

  @ApiPropertyOptional({ example: 'supplier-iso27001-certificate.pdf', description: 'the file name downloads carry' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/^[^\\/\u0000-\u001f"]+$/, { message: 'fileName must be a plain file name (no path, quotes or control characters)' })
  fileName?: string;

  @ApiPropertyOptional({ example: 'https://trust.example.com/iso27001.pdf', description: 'a link (https) instead of a document' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  @IsStorableText()
  url?: string;

  @ApiProperty({ format: 'date-time', description: 'when the evidence lapses: in the future, within 5 years' })
  @IsDateString({ strict: true }, { message: 'expiresAt must be an ISO-8601 date-time' })
  expiresAt: string;
}

export class CreateManualEvidenceDto extends ManualEvidenceBodyDto {
  @ApiProperty({ example: 'Cloud supplier ISO/IEC 27001 certificate' }) @IsString() @Length(1, 200) @IsStorableText() title: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 4000) @IsStorableText() description?: string;

  @ApiProperty({ format: 'uuid', description: 'an active user, reminded before it lapses' })
  @IsUUID('all', { message: 'ownerId must be a UUID' })
  ownerId: string;

  @ApiProperty({ type: [ManualEvidenceControlDto], description: 'the catalog controls it supports (at least one)' })
  @IsArray()
  @ArrayMinSize(1, { message: 'controls must name at least one control' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ManualEvidenceControlDto)
  controls: ManualEvidenceControlDto[];

  @OptionalAiSystemIds('the AI systems it supports; none: organisation-wide')
  aiSystemIds?: string[];
}

/** A new version of the document or link, and its new expiry date; the controls and systems stay. */
export class ReplaceManualEvidenceDto extends ManualEvidenceBodyDto {
  @ApiPropertyOptional({ description: 'why it is replaced (kept in the audit trail)' }) @IsOptional() @IsString() @Length(1, 2000) @IsStorableText() reason?: string;
}

export class WithdrawManualEvidenceDto {
  @ApiProperty({ description: 'why it no longer counts (kept in the audit trail)' }) @IsString() @Length(1, 2000) @IsStorableText() reason: string;
}

export class ListManualEvidenceQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'iso27001:A.5.19', description: 'framework:ref of a control the items support' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9_]{1,20}:[A-Za-z0-9.\-]{1,40}$/, { message: 'control must be framework:ref, e.g. iso27001:A.5.19' })
  control?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'items naming this AI system (organisation-wide items are included)' })
  @IsOptional()
  @IsUUID('all', { message: 'aiSystemId must be a UUID' })
  aiSystemId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'items expiring before this moment' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'expiringBefore must be an ISO-8601 date-time' })
  expiringBefore?: string;

  @ApiPropertyOptional({ enum: ['current', 'withdrawn'], default: 'current' })
  @IsOptional()
  @IsIn(['current', 'withdrawn'], { message: 'status must be current or withdrawn' })
  status?: 'current' | 'withdrawn';
}
