import { addYesNoQuestion, newQuestionProblem, nextVersionLabel, parseDefinitionText, sectionsOfDefinition, type NewYesNoQuestion } from './definition-text';

const base = {
  version: '2026-11.1',
  title: 'Impact assessment questionnaire',
  questions: [
    { id: 'art5_manipulation', section: 'Prohibited practices (Art. 5)', text: 'Manipulation?', type: 'boolean', required: true },
    { id: 'art5_social_scoring', section: 'Prohibited practices (Art. 5)', text: 'Social scoring?', type: 'boolean', required: true },
    { id: 'mitigations', section: 'Context', text: 'Measures?', type: 'text', required: false },
  ],
  rules: [
    { id: 'art5_manipulation', code: 'art5.manipulation', tier: 'prohibited' },
    { id: 'art5_social_scoring', code: 'art5.social_scoring', tier: 'prohibited' },
    { id: 'context_x', code: 'context.x', tier: 'limited' },
  ],
};

const omnibus: NewYesNoQuestion = {
  section: 'Prohibited practices (Art. 5)',
  id: 'art5_intimate_imagery_csam',
  text: 'Does the system generate non-consensual intimate imagery or child sexual abuse material?',
  help: '',
  tier: 'prohibited',
  reason: 'The system generates non-consensual intimate imagery or child sexual abuse material.',
  reference: 'EU AI Act Art. 5 as amended by the Digital Omnibus on AI',
};

describe('the draft as JSON text', () => {
  it('reads an object, and says what is wrong with anything else', () => {
    expect(parseDefinitionText('{"version": "x"}')).toEqual({ ok: true, definition: { version: 'x' } });
    expect(parseDefinitionText('  ')).toMatchObject({ ok: false, problem: expect.stringContaining('empty') });
    expect(parseDefinitionText('{"version": ')).toMatchObject({ ok: false, problem: expect.stringContaining('not valid JSON') });
    expect(parseDefinitionText('[1]')).toMatchObject({ ok: false, problem: expect.stringContaining('JSON object') });
  });

  it('proposes the next version label', () => {
    expect(nextVersionLabel('2026-11.1')).toBe('2026-11.2');
    expect(nextVersionLabel('omnibus')).toBe('omnibus.1');
  });

  it('adds a yes/no question after the last of its section, and its rule after the last rule of its tier', () => {
    const next = addYesNoQuestion(base, omnibus);
    expect((next.questions as Array<{ id: string }>).map((q) => q.id)).toEqual(['art5_manipulation', 'art5_social_scoring', 'art5_intimate_imagery_csam', 'mitigations']);
    expect((next.questions as unknown[])[2]).toEqual({ id: omnibus.id, section: omnibus.section, text: omnibus.text, type: 'boolean', required: true });
    expect((next.rules as Array<{ id: string }>).map((r) => r.id)).toEqual(['art5_manipulation', 'art5_social_scoring', 'art5_intimate_imagery_csam', 'context_x']);
    expect((next.rules as unknown[])[2]).toEqual({
      id: omnibus.id,
      code: 'art5.intimate_imagery_csam',
      tier: 'prohibited',
      questionId: omnibus.id,
      when: { question: omnibus.id, equals: true },
      text: omnibus.reason,
      reference: omnibus.reference,
    });
    expect(base.questions).toHaveLength(3);
  });

  it('puts a question of a new section and a rule of a tier not used yet at the end', () => {
    const next = addYesNoQuestion(base, { ...omnibus, section: 'Sector rules', tier: 'high', id: 'sector_x' });
    expect((next.questions as Array<{ id: string }>).at(-1)!.id).toBe('sector_x');
    expect((next.rules as Array<{ id: string }>).at(-1)!.id).toBe('sector_x');
  });

  it('names the field of a question that cannot be added', () => {
    expect(newQuestionProblem(omnibus, base)).toBeNull();
    expect(newQuestionProblem({ ...omnibus, id: 'Art5' }, base)?.field).toBe('id');
    expect(newQuestionProblem({ ...omnibus, id: 'art5_manipulation' }, base)).toEqual({ field: 'id', problem: "The version already has a question or rule 'art5_manipulation'." });
    expect(newQuestionProblem({ ...omnibus, reason: ' ' }, base)?.field).toBe('reason');
    expect(sectionsOfDefinition(base)).toEqual(['Prohibited practices (Art. 5)', 'Context']);
  });
});
