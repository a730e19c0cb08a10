import { describeAssessmentAnswers } from './assessment-answers';

describe('describeAssessmentAnswers', () => {
  it('gives each answer its question text and option label, in the questionnaire order', () => {
    const described = describeAssessmentAnswers({
      human_oversight: 'human_on_the_loop',
      annex3_area: 'employment',
      art5_social_scoring: false,
      art50_interacts_with_people: true,
    });
    expect(described.map((a) => a.answer)).toEqual([
      'No',
      'Employment and workers management (recruitment, promotion, termination, task allocation, monitoring)',
      'Yes',
      'A person monitors and can intervene',
    ]);
    expect(described[0]).toEqual({
      id: 'art5_social_scoring',
      section: 'Prohibited practices (Art. 5)',
      question: 'Does it score people on their social behaviour or personal traits, leading to detrimental treatment in unrelated contexts or out of proportion?',
      answer: 'No',
    });
  });

  it('lists several choices, says None for an empty list, and keeps free text as written', () => {
    const described = describeAssessmentAnswers({ vulnerable_groups: ['children', 'employees'], mitigations: 'Weekly <b>bias</b> test' });
    expect(described.map((a) => a.answer)).toEqual(['Children; Employees (power imbalance)', 'Weekly <b>bias</b> test']);
    expect(describeAssessmentAnswers({ vulnerable_groups: [] })[0].answer).toBe('None');
    expect(describeAssessmentAnswers({ mitigations: '' })[0].answer).toBe('Not answered');
  });

  it('keeps answers to questions the questionnaire no longer has, by id, at the end', () => {
    const described = describeAssessmentAnswers({ retired_question: 'x', art5_manipulation: false, another_old: { a: 1 } });
    expect(described.map((a) => [a.section, a.question, a.answer])).toEqual([
      ['Prohibited practices (Art. 5)', expect.stringContaining('subliminal'), 'No'],
      ['Other answers', 'another_old', '{"a":1}'],
      ['Other answers', 'retired_question', 'x'],
    ]);
  });

  it('shows an unknown option value as it was stored', () => {
    expect(describeAssessmentAnswers({ annex3_area: 'space_travel' })[0].answer).toBe('space_travel');
  });
});
