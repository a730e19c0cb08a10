import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PROPOSABLE_MATERIAL_CHANGE_KINDS } from '@aigov/domain/material-change';
import { ArtifactRefDto } from '../ai-systems/dto/lifecycle-actions.dto';
import { OptionalNested, OptionalNestedList } from '../common/governance-dto';
import { ScopeDto } from '../scope/dto/scope.dto';

export class ProposeMaterialChangeDto {
  @ApiProperty({ enum: PROPOSABLE_MATERIAL_CHANGE_KINDS, isArray: true, description: 'what changes; each kind needs its new value below' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(PROPOSABLE_MATERIAL_CHANGE_KINDS, { each: true, message: `each kind must be one of ${PROPOSABLE_MATERIAL_CHANGE_KINDS.join(', ')}` })
  kinds: Array<(typeof PROPOSABLE_MATERIAL_CHANGE_KINDS)[number]>;

  @ApiProperty({ example: 'Retrained on 2026 data with a new feature set' })
  @IsString()
  @Length(1, 4000)
  description: string;

  @ApiProperty({ example: '2.0.0', description: 'the version label the changed system will deploy as' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/, { message: 'version must be 1-100 letters, digits, dots, dashes, underscores or plus signs' })
  version: string;

  @OptionalNested(() => ArtifactRefDto, "required with kind 'model'")
  model?: ArtifactRefDto;

  @OptionalNestedList(() => ArtifactRefDto, "required with kind 'data'")
  datasets?: ArtifactRefDto[];

  @ApiPropertyOptional({ description: "required with kind 'purpose'" })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  newPurpose?: string;

  @ApiPropertyOptional({ type: [String], description: "required with kind 'affected_groups': the groups affected after the change" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  newAffectedGroups?: string[];

  @OptionalNested(() => ScopeDto, "required with kind 'scope': the whole new scope (it replaces the approved one when the change is approved)")
  scope?: ScopeDto;
}

export class WithdrawMaterialChangeDto {
  @ApiProperty({ example: 'the vendor model was discontinued', description: 'why the change is called off (kept in the audit trail)' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}
