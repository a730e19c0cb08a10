import { normalizeScope, SCOPE_LISTS, type ScopeAutonomy, type ScopeDefinition, type ScopeLists } from './approved-scope';

export interface ScopeListDiff {
  added: string[];
  removed: string[];
}

/** What a proposal changes against the approved scope: per list what comes and goes, and the autonomy. */
export type ScopeDiff = Record<keyof ScopeLists, ScopeListDiff> & {
  autonomy: { from: ScopeAutonomy | null; to: ScopeAutonomy } | null;
  changed: boolean;
};

/** `from` null: nothing is approved yet, so everything proposed is added. */
export function diffScopes(from: ScopeDefinition | null, to: ScopeDefinition): ScopeDiff {
  const before = from ? normalizeScope(from) : null;
  const after = normalizeScope(to);
  const lists = Object.fromEntries(
    SCOPE_LISTS.map((list) => {
      const old = new Set(before?.[list] ?? []);
      const now = new Set(after[list]);
      return [list, { added: after[list].filter((e) => !old.has(e)), removed: (before?.[list] ?? []).filter((e) => !now.has(e)) }];
    }),
  ) as Record<keyof ScopeLists, ScopeListDiff>;
  const autonomy = before?.autonomy === after.autonomy ? null : { from: before?.autonomy ?? null, to: after.autonomy };
  const changed = autonomy !== null || SCOPE_LISTS.some((list) => lists[list].added.length > 0 || lists[list].removed.length > 0);
  return { ...lists, autonomy, changed };
}
