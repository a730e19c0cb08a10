import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, Matches } from 'class-validator';
import { normalizeScope, SCOPE_AUTONOMY_LEVELS, SCOPE_ENTRY_PATTERN, SCOPE_ENTRY_RULE, SCOPE_LIST_MAX, type ScopeDefinition } from '@aigov/domain/scope/approved-scope';

/** One list of a scope: distinct identifiers, at most SCOPE_LIST_MAX, each as SCOPE_ENTRY_PATTERN says. */
function ScopeList(field: string, description: string, example: string[]): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: [String], maxItems: SCOPE_LIST_MAX, example, description: `${description}; each ${SCOPE_ENTRY_RULE}, compared exactly` }),
    IsArray({ message: `${field} must be a list` }),
    ArrayMaxSize(SCOPE_LIST_MAX, { message: `${field} may hold at most ${SCOPE_LIST_MAX} entries` }),
    ArrayUnique(undefined, { message: `${field} lists an entry twice` }),
    IsString({ each: true, message: `each entry of ${field} must be text` }),
    Matches(SCOPE_ENTRY_PATTERN, { each: true, message: `each entry of ${field} must be ${SCOPE_ENTRY_RULE}` }),
  );
}

/** A scope as proposed: what the system may use, call and decide, and its autonomy. */
export class ScopeDto implements ScopeDefinition {
  @ScopeList('dataCategories', 'the data categories it may use', ['customer_contact', 'claims_history'])
  dataCategories: string[];

  @ScopeList('tools', 'the tools, systems or agents it may call', ['crm.search', 'mcp:mail/send'])
  tools: string[];

  @ScopeList('decisions', 'the decisions it may take', ['claim_triage'])
  decisions: string[];

  @ApiProperty({
    enum: SCOPE_AUTONOMY_LEVELS,
    description: 'advisory: it only suggests; human_in_the_loop: a person approves each action; human_on_the_loop: a person watches and can step in; fully_automated: no routine oversight',
  })
  @IsIn(SCOPE_AUTONOMY_LEVELS, { message: `autonomy must be one of ${SCOPE_AUTONOMY_LEVELS.join(', ')}` })
  autonomy: ScopeDefinition['autonomy'];
}

/** The stored form of a validated ScopeDto (a plain object, sorted lists). */
export function scopeOf(dto: ScopeDto): ScopeDefinition {
  return normalizeScope({ dataCategories: dto.dataCategories, tools: dto.tools, decisions: dto.decisions, autonomy: dto.autonomy });
}
