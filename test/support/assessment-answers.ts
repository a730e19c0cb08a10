import { IMPACT_ASSESSMENT_TEMPLATE } from '@aigov/domain/impact-assessment.template';
import { RiskTier } from '@aigov/domain/risk-tier';

/** Answers to the current template that clear every trigger: a minimal-risk system. */
export function baselineAnswers(): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of IMPACT_ASSESSMENT_TEMPLATE.questions) {
    if (q.type === 'boolean') answers[q.id] = false;
    else if (q.type === 'choice') answers[q.id] = q.options!.find((o) => o.value === 'none')?.value ?? q.options![0].value;
    else if (q.type === 'multi_choice') answers[q.id] = [];
    else answers[q.id] = 'Tested before release; monitored in production.';
  }
  return answers;
}

/** Answers that lead to the given tier through one typical trigger. */
export function answersFor(tier: RiskTier): Record<string, unknown> {
  const answers = baselineAnswers();
  if (tier === 'limited') answers.art50_interacts_with_people = true;
  if (tier === 'high') answers.annex3_area = 'employment';
  if (tier === 'prohibited') answers.art5_social_scoring = true;
  return answers;
}
