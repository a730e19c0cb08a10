import type { components } from '../../api/schema';

export type Scope = components['schemas']['ScopeDto'];
export type Autonomy = Scope['autonomy'];

/**
 * A scope as a person types it: each list one entry per line, the autonomy a choice not yet
 * made. The API judges every entry (an identifier, compared exactly) and names the list it
 * refuses (`scope.tools`), shown beside that list.
 */
export interface ScopeDraft {
  dataCategories: string;
  tools: string;
  decisions: string;
  autonomy: '' | Autonomy;
}

export const EMPTY_SCOPE_DRAFT: ScopeDraft = { dataCategories: '', tools: '', decisions: '', autonomy: '' };

export const AUTONOMY_CHOICES: ReadonlyArray<{ value: Autonomy; label: string; hint: string }> = [
  { value: 'advisory', label: 'Advisory only', hint: 'It suggests; a person takes every decision and action.' },
  { value: 'human_in_the_loop', label: 'A person approves every action', hint: 'Nothing takes effect before someone confirms it.' },
  { value: 'human_on_the_loop', label: 'A person watches and can step in', hint: 'Actions take effect; someone monitors and can intervene.' },
  { value: 'fully_automated', label: 'Fully automated', hint: 'No routine human oversight of its actions.' },
];

export const SCOPE_LIST_LABELS = {
  dataCategories: 'Data it may use',
  tools: 'Tools, systems and agents it may call',
  decisions: 'Decisions it may take',
} as const;

export type ScopeList = keyof typeof SCOPE_LIST_LABELS;
export const SCOPE_LIST_NAMES: readonly ScopeList[] = ['dataCategories', 'tools', 'decisions'];

/** Entries of a one-per-line list, trimmed, blank lines and repeats dropped. */
export function entriesOf(text: string): string[] {
  return [...new Set(text.split('\n').map((line) => line.trim()).filter(Boolean))];
}

export function draftOf(scope: Pick<Scope, ScopeList | 'autonomy'> | null | undefined): ScopeDraft {
  if (!scope) return EMPTY_SCOPE_DRAFT;
  return { dataCategories: scope.dataCategories.join('\n'), tools: scope.tools.join('\n'), decisions: scope.decisions.join('\n'), autonomy: scope.autonomy as Autonomy };
}

export function isBlankDraft(draft: ScopeDraft): boolean {
  return !draft.autonomy && SCOPE_LIST_NAMES.every((list) => entriesOf(draft[list]).length === 0);
}

/** The request body; an autonomy not chosen is left to the API, which refuses it naming `autonomy`. */
export function toScope(draft: ScopeDraft, fallbackAutonomy?: Autonomy): Scope {
  return {
    dataCategories: entriesOf(draft.dataCategories),
    tools: entriesOf(draft.tools),
    decisions: entriesOf(draft.decisions),
    autonomy: (draft.autonomy || fallbackAutonomy || '') as Autonomy,
  };
}
