import type { QuestionDefinition, QuestionnaireDefinition, TierRule } from './questionnaire.types';

/**
 * The Digital Omnibus on AI's added Art. 5 prohibition, as reported (Commission proposal of
 * 19 Nov 2025, provisional agreement May 2026): AI generating non-consensual intimate imagery or
 * child sexual abuse material, with a transition to 2 December 2026. Not yet verified against
 * the Official Journal, so the reference names no paragraph point. As a question and the rule
 * whose "yes" makes a system prohibited; the specs and the README's worked example use it.
 */
export const OMNIBUS_QUESTION: QuestionDefinition = {
  id: 'art5_intimate_imagery_csam',
  section: 'Prohibited practices (Art. 5)',
  text: 'Does the system generate or manipulate non-consensual intimate imagery of real people, or child sexual abuse material?',
  help: 'Added to Art. 5 by the Digital Omnibus on AI (transition to 2 December 2026). Answer yes if the system can produce such content and nothing in its design prevents it.',
  type: 'boolean',
  required: true,
};

export const OMNIBUS_RULE: TierRule = {
  id: 'art5_intimate_imagery_csam',
  code: 'art5.intimate_imagery_csam',
  tier: 'prohibited',
  questionId: 'art5_intimate_imagery_csam',
  when: { question: 'art5_intimate_imagery_csam', equals: true },
  text: 'The system generates non-consensual intimate imagery or child sexual abuse material.',
  reference: 'EU AI Act Art. 5 as amended by the Digital Omnibus on AI (as reported; confirm the point against the Official Journal)',
};

/** `base` with the Omnibus question added after the last Art. 5 question, under a new version label. */
export function withOmnibusProhibition(base: QuestionnaireDefinition, version = '2026-12.1'): QuestionnaireDefinition {
  const questions = [...base.questions];
  const lastArt5 = questions.map((q) => q.section).lastIndexOf(OMNIBUS_QUESTION.section);
  questions.splice(lastArt5 + 1, 0, OMNIBUS_QUESTION);
  const rules = [...base.rules];
  const lastProhibited = rules.map((r) => r.tier).lastIndexOf('prohibited');
  rules.splice(lastProhibited + 1, 0, OMNIBUS_RULE);
  return { ...base, version, note: 'Adds the Digital Omnibus on AI’s Art. 5 prohibition (non-consensual intimate imagery, child sexual abuse material).', questions, rules };
}
