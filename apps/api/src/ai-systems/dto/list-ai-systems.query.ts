import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { LIFECYCLE_STAGES } from '@aigov/domain/lifecycle-stage';
import { RISK_TIERS } from '@aigov/domain/risk-tier';
import { IsStorableText } from '../../common/clean-text.validator';
import { PageQueryDto } from '../../common/pagination';

/** `none`: systems not assessed yet (no tier). */
export const RISK_TIER_FILTERS = [...RISK_TIERS, 'none'] as const;

/** What the inventory can be sorted by; stage and tier sort in lifecycle and severity order, not alphabetically. */
export const AI_SYSTEM_SORTS = ['createdAt', 'updatedAt', 'name', 'stage', 'riskTier', 'businessUnit', 'stageEnteredAt', 'nextReviewAt'] as const;
export type AiSystemSort = (typeof AI_SYSTEM_SORTS)[number];

export class ListAiSystemsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: LIFECYCLE_STAGES })
  @IsOptional()
  @IsIn(LIFECYCLE_STAGES, { message: `stage must be one of ${LIFECYCLE_STAGES.join(', ')}` })
  stage?: string;

  @ApiPropertyOptional({ enum: RISK_TIER_FILTERS, description: '`none`: not assessed yet' })
  @IsOptional()
  @IsIn(RISK_TIER_FILTERS, { message: `riskTier must be one of ${RISK_TIER_FILTERS.join(', ')}` })
  riskTier?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the accountable owner' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a UUID' })
  ownerId?: string;

  @ApiPropertyOptional({ description: 'exact business unit' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsStorableText()
  businessUnit?: string;

  @ApiPropertyOptional({ description: 'case-insensitive search in name and purpose' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsStorableText()
  q?: string;

  @ApiPropertyOptional({
    enum: ['true'],
    description: 'only systems whose periodic review is past due (in operation past their review date, or with an open review task past its due date)',
  })
  @IsOptional()
  @IsIn(['true'], { message: 'reviewOverdue may only be true (leave it out for every system)' })
  reviewOverdue?: 'true';

  @ApiPropertyOptional({ enum: AI_SYSTEM_SORTS, default: 'createdAt' })
  @IsOptional()
  @IsIn(AI_SYSTEM_SORTS, { message: `sort must be one of ${AI_SYSTEM_SORTS.join(', ')}` })
  sort?: AiSystemSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], description: 'default: desc for createdAt and updatedAt, else asc; empty values come last either way' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';
}

/** The inventory's filters and sort without paging: the CSV export takes every matching system. */
export class ExportAiSystemsQuery extends OmitType(ListAiSystemsQuery, ['page', 'pageSize'] as const) {}
