import { changedAnswers, describeAnswers } from './assessment-answers';
import type { AssessmentTemplate } from './task-queries';

const template: AssessmentTemplate = {
  version: 't1',
  questions: [
    { id: 'social', section: 'Prohibited', text: 'Social scoring?', type: 'boolean', required: true },
    {
      id: 'area',
      section: 'High risk',
      text: 'Which area?',
      type: 'choice',
      required: true,
      options: [
        { value: 'none', label: 'None of these' },
        { value: 'employment', label: 'Employment' },
      ],
    },
    { id: 'groups', section: 'High risk', text: 'Groups?', type: 'multi_choice', required: false, options: [{ value: 'kids', label: 'Children' }] },
    { id: 'notes', section: 'Context', text: 'Notes', type: 'text', required: false },
  ],
};

describe('assessment answers as people read them', () => {
  it('labels answers by question and option, in the questionnaire order, by section, and keeps unknown ones', () => {
    expect(describeAnswers(template, { area: 'employment', social: false, groups: [], legacy_q: 'x', notes: '' })).toEqual([
      { section: 'Prohibited', rows: [{ questionId: 'social', question: 'Social scoring?', answer: 'No' }] },
      {
        section: 'High risk',
        rows: [
          { questionId: 'area', question: 'Which area?', answer: 'Employment' },
          { questionId: 'groups', question: 'Groups?', answer: 'None' },
        ],
      },
      { section: 'Context', rows: [{ questionId: 'notes', question: 'Notes', answer: 'Not answered' }] },
      { section: 'Other answers', rows: [{ questionId: 'legacy_q', question: 'legacy_q', answer: 'x' }] },
    ]);
  });

  it('names exactly the answers that changed between two assessments', () => {
    const before = { social: false, area: 'none', groups: ['kids'] };
    const after = { social: false, area: 'employment', groups: ['kids'], notes: 'new' };
    expect(changedAnswers(template, before, after)).toEqual([
      { questionId: 'area', question: 'Which area?', before: 'None of these', after: 'Employment' },
      { questionId: 'notes', question: 'Notes', before: 'Not answered', after: 'new' },
    ]);
    expect(changedAnswers(template, before, { ...before })).toEqual([]);
  });
});
