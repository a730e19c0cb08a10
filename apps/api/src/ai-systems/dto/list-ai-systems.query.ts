import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { LIFECYCLE_STAGES } from '@aigov/domain/lifecycle-stage';
import { RISK_TIERS } from '@aigov/domain/risk-tier';
import { PageQueryDto } from '../../common/pagination';

export class ListAiSystemsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: LIFECYCLE_STAGES })
  @IsOptional()
  @IsIn(LIFECYCLE_STAGES, { message: `stage must be one of ${LIFECYCLE_STAGES.join(', ')}` })
  stage?: string;

  @ApiPropertyOptional({ enum: RISK_TIERS })
  @IsOptional()
  @IsIn(RISK_TIERS, { message: `riskTier must be one of ${RISK_TIERS.join(', ')}` })
  riskTier?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  businessUnit?: string;

  @ApiPropertyOptional({ description: 'case-insensitive search in name and purpose' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
}
