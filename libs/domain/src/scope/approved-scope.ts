/**
 * What an AI system may do at run time: the data categories it may use, the tools, systems or
 * agents it may call, the decisions it may take, and how much autonomy it has while doing so.
 * Proposed at registration, in the impact assessment or with a material change; the approval
 * freezes it as the system's approved scope (versioned and hashed), and runtime gateways ask
 * POST /api/v1/authorize whether a request falls inside it.
 */

/**
 * Degree of autonomy, least to most. The last three are the registration's autonomy levels
 * (ai-system-profile.ts), so a registration's answer is also a scope's; `advisory` is the rung
 * below them: the system only suggests and a person takes every decision.
 */
export const SCOPE_AUTONOMY_LEVELS = ['advisory', 'human_in_the_loop', 'human_on_the_loop', 'fully_automated'] as const;
export type ScopeAutonomy = (typeof SCOPE_AUTONOMY_LEVELS)[number];

/** What a runtime asks to do, each checked against one list of the scope. */
export const SCOPE_ACTIONS = ['use_data', 'call_tool', 'take_decision'] as const;
export type ScopeAction = (typeof SCOPE_ACTIONS)[number];

export interface ScopeLists {
  /** data categories the system may use (`customer_contact`, `claims_history`) */
  dataCategories: string[];
  /** tools, systems or agents it may call (`crm.search`, `mcp:github/create_issue`) */
  tools: string[];
  /** decisions it may take (`claim_triage`, `refund_under_100_eur`) */
  decisions: string[];
}

export interface ScopeDefinition extends ScopeLists {
  autonomy: ScopeAutonomy;
}

export const SCOPE_LIST_OF_ACTION: Record<ScopeAction, keyof ScopeLists> = {
  use_data: 'dataCategories',
  call_tool: 'tools',
  take_decision: 'decisions',
};

export const SCOPE_LISTS = ['dataCategories', 'tools', 'decisions'] as const satisfies ReadonlyArray<keyof ScopeLists>;

/**
 * One entry: an identifier as a gateway sends it, compared exactly (case included). Letters,
 * digits and `. _ : / @ -`, starting with a letter or digit, at most 128 characters: no spaces
 * or wildcards, so an entry names one thing and a scope reads as a list of what is allowed.
 */
export const SCOPE_ENTRY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}$/;
export const SCOPE_ENTRY_RULE = 'an identifier of 1-128 letters, digits and . _ : / @ - (starting with a letter or digit)';

/** Entries per list: enough for a tool catalogue, small enough to show and diff on a page. */
export const SCOPE_LIST_MAX = 200;

export function isScopeAutonomy(value: unknown): value is ScopeAutonomy {
  return typeof value === 'string' && (SCOPE_AUTONOMY_LEVELS as readonly string[]).includes(value);
}

/** 0 for advisory up to 3 for fully automated. */
export function autonomyRank(level: ScopeAutonomy): number {
  return SCOPE_AUTONOMY_LEVELS.indexOf(level);
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The stored form: each list trimmed, without duplicates and sorted (by UTF-16 code unit, as
 * the hash's canonical JSON sorts), so the same scope always hashes and diffs the same.
 */
export function normalizeScope(scope: ScopeDefinition): ScopeDefinition {
  const list = (entries: readonly string[]) => [...new Set(entries.map((e) => e.trim()).filter(Boolean))].sort(byCodeUnit);
  return { dataCategories: list(scope.dataCategories), tools: list(scope.tools), decisions: list(scope.decisions), autonomy: scope.autonomy };
}

export function sameScope(a: ScopeDefinition, b: ScopeDefinition): boolean {
  const x = normalizeScope(a);
  const y = normalizeScope(b);
  return x.autonomy === y.autonomy && SCOPE_LISTS.every((list) => x[list].length === y[list].length && x[list].every((e, i) => e === y[list][i]));
}
