import { validateAnswers } from '@aigov/domain/questionnaire/questionnaire-answers';
import { evaluateQuestionnaire } from '@aigov/domain/questionnaire/questionnaire-rules';
import type { QuestionnaireRules } from '@aigov/domain/questionnaire/questionnaire.types';
import { assessRisk, validateAssessmentAnswers } from '@aigov/domain/risk-assessment';
/**
 * The tier and reasons of the answers, by the questionnaire version they answered; a submission
 * without one (recorded before questionnaires were versioned) ran the built-in 2026-11.1 rules.
 */
export function assessAnswers(answers: Record<string, unknown>, questionnaire: QuestionnaireRules | undefined) {
  return questionnaire ? evaluateQuestionnaire(questionnaire, answers) : assessRisk(answers);
}

/** The first problem with the answers, by the same version. */
export function answersProblem(answers: Record<string, unknown>, questionnaire: QuestionnaireRules | undefined) {
  return (questionnaire ? validateAnswers(questionnaire, answers) : validateAssessmentAnswers(answers))[0];
}
