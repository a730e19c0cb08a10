import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { RISK_SOURCES, RISK_STATUSES, RISK_TREATMENTS } from '@aigov/domain/risk-register';
import { CATALOG_FRAMEWORKS } from '@aigov/domain/catalog/control-catalog.types';
import { PageQueryDto } from '../common/pagination';
import { IsStorableText } from '../common/clean-text.validator';
import { OptionalAiSystemIds } from '../common/governance-dto';

const LEVEL = /^[a-z][a-z0-9_]{0,39}$/;
const LEVEL_MESSAGE = (field: string) => `${field} must be a level name of the policy's risk matrix (see GET /reports/risk-matrix)`;

/** A control that treats the risk, by framework and ref (A.5.2 exists in both Annexes). */
export class RiskControlRefDto {
  @ApiProperty({ enum: CATALOG_FRAMEWORKS, example: 'iso42001' })
  @IsIn(CATALOG_FRAMEWORKS, { message: `framework must be one of ${CATALOG_FRAMEWORKS.join(', ')}` })
  framework: string;

  @ApiProperty({ example: 'A.6.2.6' })
  @IsString()
  @Length(1, 40)
  @IsStorableText()
  ref: string;
}

const stringList = (description: string, example: string[]) => [
  ApiPropertyOptional({ type: [String], description, example }),
  IsOptional(),
  IsArray(),
  ArrayMaxSize(50),
  IsString({ each: true }),
  Length(1, 200, { each: true }),
  IsStorableText({ each: true }),
];


/** Fields a rating sets; both of a pair are given together. */
class RiskRatingFields {
  @ApiPropertyOptional({ description: 'a likelihood level of the matrix, e.g. possible', example: 'likely' })
  @IsOptional()
  @Matches(LEVEL, { message: LEVEL_MESSAGE('inherentLikelihood') })
  inherentLikelihood?: string;

  @ApiPropertyOptional({ description: 'an impact level of the matrix, e.g. major', example: 'major' })
  @IsOptional()
  @Matches(LEVEL, { message: LEVEL_MESSAGE('inherentImpact') })
  inherentImpact?: string;

  @ApiPropertyOptional({ description: 'likelihood after treatment', example: 'unlikely' })
  @IsOptional()
  @Matches(LEVEL, { message: LEVEL_MESSAGE('residualLikelihood') })
  residualLikelihood?: string;

  @ApiPropertyOptional({ description: 'impact after treatment', example: 'moderate' })
  @IsOptional()
  @Matches(LEVEL, { message: LEVEL_MESSAGE('residualImpact') })
  residualImpact?: string;

  @ApiPropertyOptional({ enum: RISK_TREATMENTS, description: "'accept' by someone other than the rater, within the appetite (above it: 409, needs an approval round)" })
  @IsOptional()
  @IsIn(RISK_TREATMENTS, { message: `treatment must be one of ${RISK_TREATMENTS.join(', ')}` })
  treatment?: (typeof RISK_TREATMENTS)[number];

  @ApiPropertyOptional({ type: [RiskControlRefDto], description: 'the catalog controls that treat it' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RiskControlRefDto)
  controls?: RiskControlRefDto[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'PDCA items (corrective actions) that carry out the treatment' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'pdcaItemIds must be UUIDs' })
  pdcaItemIds?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'when the risk is next reviewed; in the future' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'nextReviewAt must be an ISO-8601 date-time' })
  nextReviewAt?: string;
}

export class CreateRiskDto extends RiskRatingFields {
  @ApiProperty({ example: 'Model inversion exposes training records' }) @IsString() @Length(1, 200) @IsStorableText() title: string;
  @ApiProperty() @IsString() @Length(1, 4000) @IsStorableText() description: string;

  @ApiProperty({ enum: RISK_SOURCES })
  @IsIn(RISK_SOURCES, { message: `source must be one of ${RISK_SOURCES.join(', ')}` })
  source: (typeof RISK_SOURCES)[number];

  @ApiProperty({ description: 'the threat (information security) or harm (AI)' }) @IsString() @Length(1, 2000) @IsStorableText() threat: string;

  @OptionalAiSystemIds('the AI systems it concerns')
  aiSystemIds?: string[];

  @applyDecorators(...stringList('the assets concerned (free text)', ['customer database']))
  assets?: string[];

  @applyDecorators(...stringList('who could be harmed', ['applicants']))
  affectedParties?: string[];

  @ApiProperty({ format: 'uuid', description: 'an active user' })
  @IsUUID('all', { message: 'ownerId must be a UUID' })
  ownerId: string;
}

export class UpdateRiskDto extends RiskRatingFields {
  @ApiPropertyOptional({ format: 'uuid', description: 'a new owner (an active user)' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a UUID' })
  ownerId?: string;

  @ApiPropertyOptional({ enum: ['closed'], description: 'close the risk' })
  @IsOptional()
  @IsIn(['closed'], { message: "status may only be set to closed (the others follow from rating and acceptance)" })
  status?: 'closed';
}

export class ListRisksQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'aiSystemId must be a UUID' }) aiSystemId?: string;
  @ApiPropertyOptional({ enum: RISK_SOURCES }) @IsOptional() @IsIn(RISK_SOURCES, { message: `source must be one of ${RISK_SOURCES.join(', ')}` }) source?: string;
  @ApiPropertyOptional({ enum: RISK_STATUSES }) @IsOptional() @IsIn(RISK_STATUSES, { message: `status must be one of ${RISK_STATUSES.join(', ')}` }) status?: string;
  @ApiPropertyOptional({ description: 'current rating (residual, else inherent), a band of the matrix, e.g. high' })
  @IsOptional()
  @Matches(LEVEL, { message: 'rating must be a rating band of the risk matrix' })
  rating?: string;
  @ApiPropertyOptional({ description: 'searched in title, description, threat and assets' }) @IsOptional() @IsString() @Length(1, 200) @IsStorableText() q?: string;
}
