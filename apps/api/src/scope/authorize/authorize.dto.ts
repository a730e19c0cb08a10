import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { SCOPE_ACTIONS, SCOPE_AUTONOMY_LEVELS, SCOPE_ENTRY_PATTERN, SCOPE_ENTRY_RULE, type ScopeAction, type ScopeAutonomy } from '@aigov/domain/scope/approved-scope';
import { IsStorableText } from '../../common/clean-text.validator';
import { OptionalNested } from '../../common/governance-dto';

/** Targets per request: a batch a gateway checks at once (the tools an agent plan calls). */
export const AUTHORIZE_MAX_TARGETS = 50;
/** A system version label as a caller names it. */
export const AUTHORIZE_VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/;

export class AuthorizeModelDto {
  @ApiProperty({ example: 'claims-triage', description: "the model's name as deployed (the deployment's model artifact)" })
  @IsString()
  @Length(1, 200, { message: 'model.name must be 1 to 200 characters' })
  @IsStorableText()
  name: string;

  @ApiProperty({ example: '7', description: 'the model version the caller runs' })
  @IsString()
  @Length(1, 100, { message: 'model.version must be 1 to 100 characters' })
  @IsStorableText()
  version: string;
}

/**
 * One runtime question: may this system (named by its id, or by the model it runs) do `action`
 * on `targets`? Give systemId, or model, or both (then the model must be the system's running one).
 */
export class AuthorizeRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'the AI system; required unless model is given' })
  @IsOptional()
  @IsUUID('all', { message: 'systemId must be a UUID' })
  systemId?: string;

  @OptionalNested(() => AuthorizeModelDto, 'the model the caller runs: names the system when systemId is absent, and must be its approved running model')
  model?: AuthorizeModelDto;

  @ApiPropertyOptional({ example: '1.2.0', description: 'the system version label the caller runs; denied unless it is the approved version in operation' })
  @IsOptional()
  @IsString()
  @Matches(AUTHORIZE_VERSION_PATTERN, { message: 'version must be 1-100 letters, digits, dots, dashes, underscores or plus signs' })
  version?: string;

  @ApiProperty({ enum: SCOPE_ACTIONS, description: 'use_data: targets are data categories; call_tool: tools, systems or agents; take_decision: decisions' })
  @IsIn(SCOPE_ACTIONS, { message: `action must be one of ${SCOPE_ACTIONS.join(', ')}` })
  action: ScopeAction;

  @ApiProperty({ type: [String], minItems: 1, maxItems: AUTHORIZE_MAX_TARGETS, example: ['crm.search'], description: `what the action applies to; each ${SCOPE_ENTRY_RULE}` })
  @IsArray({ message: 'targets must be a list' })
  @ArrayMinSize(1, { message: 'targets must name at least one target' })
  @ArrayMaxSize(AUTHORIZE_MAX_TARGETS, { message: `targets may hold at most ${AUTHORIZE_MAX_TARGETS} entries` })
  @IsString({ each: true, message: 'each target must be text' })
  @Matches(SCOPE_ENTRY_PATTERN, { each: true, message: `each target must be ${SCOPE_ENTRY_RULE}` })
  targets: string[];

  @ApiPropertyOptional({ enum: SCOPE_AUTONOMY_LEVELS, description: 'the autonomy the caller means to act with; denied when beyond the approved one' })
  @IsOptional()
  @IsIn(SCOPE_AUTONOMY_LEVELS, { message: `autonomy must be one of ${SCOPE_AUTONOMY_LEVELS.join(', ')}` })
  autonomy?: ScopeAutonomy;
}
