import { AUTONOMY_LEVELS } from '../ai-system-profile';
import { autonomyRank, normalizeScope, sameScope, SCOPE_AUTONOMY_LEVELS, SCOPE_ENTRY_PATTERN } from './approved-scope';
import { diffScopes } from './scope-diff';
import { scopeProposalTarget } from './scope-proposal-rule';

const scope = (over: Partial<Parameters<typeof normalizeScope>[0]> = {}) => ({
  dataCategories: ['b', 'a'],
  tools: ['t1'],
  decisions: [],
  autonomy: 'human_in_the_loop' as const,
  ...over,
});

describe('approved scope', () => {
  it('extends the registration’s autonomy levels by one rung below them', () => {
    expect(SCOPE_AUTONOMY_LEVELS).toEqual(['advisory', ...AUTONOMY_LEVELS]);
    expect(autonomyRank('advisory')).toBeLessThan(autonomyRank('fully_automated'));
  });

  it('stores lists trimmed, without duplicates, in code-unit order', () => {
    expect(normalizeScope(scope({ tools: [' z ', 'B', 'a', 'z'] }))).toEqual({ dataCategories: ['a', 'b'], tools: ['B', 'a', 'z'], decisions: [], autonomy: 'human_in_the_loop' });
    expect(sameScope(scope(), scope({ dataCategories: ['a', 'b', 'a'] }))).toBe(true);
    expect(sameScope(scope(), scope({ autonomy: 'advisory' }))).toBe(false);
  });

  it('takes identifiers, not prose or wildcards', () => {
    for (const ok of ['crm.search', 'mcp:github/create_issue', 'agent@billing', 'A1']) expect(SCOPE_ENTRY_PATTERN.test(ok)).toBe(true);
    for (const bad of ['', ' crm', 'crm search', '*', 'crm.*', '-x', 'x'.repeat(129)]) expect(SCOPE_ENTRY_PATTERN.test(bad)).toBe(false);
  });
});

describe('diffScopes', () => {
  it('lists what a proposal adds and removes per list, and an autonomy change', () => {
    const diff = diffScopes(scope(), scope({ dataCategories: ['a', 'c'], autonomy: 'human_on_the_loop' }));
    expect(diff).toEqual({
      dataCategories: { added: ['c'], removed: ['b'] },
      tools: { added: [], removed: [] },
      decisions: { added: [], removed: [] },
      autonomy: { from: 'human_in_the_loop', to: 'human_on_the_loop' },
      changed: true,
    });
    expect(diffScopes(scope(), scope({ dataCategories: ['a', 'b'] })).changed).toBe(false);
  });

  it('treats everything as added when nothing is approved yet', () => {
    expect(diffScopes(null, scope())).toMatchObject({ dataCategories: { added: ['a', 'b'], removed: [] }, autonomy: { from: null, to: 'human_in_the_loop' }, changed: true });
  });
});

describe('scopeProposalTarget', () => {
  const change = (status: 'assessment' | 'approval' | 'approved', kinds: Array<'scope' | 'model'> = ['scope']) => ({ id: 'c1', status, kinds });

  it('lets the owner shape it before the first approval round, and not while the approvers judge it', () => {
    expect(scopeProposalTarget('design', null)).toEqual({ ok: true, materialChangeId: null });
    expect(scopeProposalTarget('impact_assessment', null)).toEqual({ ok: true, materialChangeId: null });
    expect(scopeProposalTarget('approval', null)).toMatchObject({ ok: false, reason: expect.stringContaining('with the approvers') });
  });

  it('after approval: only a material change of kind scope, while it is assessed', () => {
    expect(scopeProposalTarget('operation', null)).toMatchObject({ ok: false, reason: expect.stringContaining("kind 'scope'") });
    expect(scopeProposalTarget('operation', change('assessment', ['model']))).toMatchObject({ ok: false, reason: expect.stringContaining('does not change the scope') });
    expect(scopeProposalTarget('periodic_review', change('assessment'))).toEqual({ ok: true, materialChangeId: 'c1' });
    expect(scopeProposalTarget('operation', change('approval'))).toMatchObject({ ok: false, reason: expect.stringContaining("in 'approval'") });
    expect(scopeProposalTarget('operation', change('approved'))).toMatchObject({ ok: false });
  });

  it('refuses the stages where nothing is proposed', () => {
    for (const stage of ['deployment', 'rollback', 'retirement', 'retired', 'rejected'] as const) {
      expect(scopeProposalTarget(stage, null)).toMatchObject({ ok: false, reason: expect.stringContaining(`'${stage}'`) });
    }
  });
});
