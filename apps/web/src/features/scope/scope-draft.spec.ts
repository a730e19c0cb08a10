import { draftOf, entriesOf, isBlankDraft, toScope, EMPTY_SCOPE_DRAFT } from './scope-draft';

describe('scope draft', () => {
  it('reads one entry per line, trimmed, without blanks or repeats', () => {
    expect(entriesOf(' crm.search \n\nmail.send\ncrm.search\n')).toEqual(['crm.search', 'mail.send']);
  });

  it('round-trips a scope and falls back to the registration’s autonomy when none is chosen', () => {
    const scope = { dataCategories: ['a'], tools: ['t1', 't2'], decisions: [], autonomy: 'advisory' as const };
    expect(toScope(draftOf(scope))).toEqual(scope);
    expect(toScope({ ...EMPTY_SCOPE_DRAFT, tools: 'x' }, 'human_in_the_loop')).toMatchObject({ tools: ['x'], autonomy: 'human_in_the_loop' });
    expect(isBlankDraft(EMPTY_SCOPE_DRAFT)).toBe(true);
    expect(isBlankDraft({ ...EMPTY_SCOPE_DRAFT, decisions: ' \n' })).toBe(true);
    expect(isBlankDraft({ ...EMPTY_SCOPE_DRAFT, autonomy: 'advisory' })).toBe(false);
  });
});
