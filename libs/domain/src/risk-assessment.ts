import { ANNEX_III_AREAS, IMPACT_ASSESSMENT_TEMPLATE } from './impact-assessment.template';
import { RISK_TIERS, RiskAssessmentResult, RiskReason, RiskTier } from './risk-tier';
import { answerProblem } from './questionnaire/questionnaire-answers';

export interface AssessmentFieldError {
  field: string;
  reason: string;
}

/**
 * Checks answers against the built-in 2026-11.1 questionnaire; each problem names
 * `answers.<questionId>`. For replaying submissions made before questionnaires were versioned;
 * new code checks against a version (questionnaire/questionnaire-answers.ts validateAnswers).
 */
export function validateAssessmentAnswers(answers: unknown): AssessmentFieldError[] {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    return [{ field: 'answers', reason: 'must be an object of question id to answer' }];
  }
  const given = answers as Record<string, unknown>;
  const errors: AssessmentFieldError[] = [];
  const known = new Map(IMPACT_ASSESSMENT_TEMPLATE.questions.map((q) => [q.id, q]));
  for (const id of Object.keys(given)) {
    if (!known.has(id)) errors.push({ field: `answers.${id}`, reason: 'is not a question of the current template' });
  }
  for (const q of IMPACT_ASSESSMENT_TEMPLATE.questions) {
    const value = given[q.id];
    if (value === undefined || value === null) {
      if (q.required) errors.push({ field: `answers.${q.id}`, reason: 'is required' });
      continue;
    }
    const problem = answerProblem(q, value);
    if (problem) errors.push({ field: `answers.${q.id}`, reason: problem });
  }
  return errors;
}

const PROHIBITED: Array<[string, string, string]> = [
  ['art5_manipulation', '5(1)(a)', 'uses manipulative or deceptive techniques likely to cause significant harm'],
  ['art5_exploit_vulnerabilities', '5(1)(b)', 'exploits vulnerabilities of age, disability or social or economic situation'],
  ['art5_social_scoring', '5(1)(c)', 'scores people on social behaviour or personal traits (social scoring)'],
  ['art5_crime_prediction_profiling', '5(1)(d)', 'predicts criminal offences based solely on profiling'],
  ['art5_face_scraping', '5(1)(e)', 'builds facial recognition databases by untargeted scraping'],
  ['art5_emotion_workplace_education', '5(1)(f)', 'recognises emotions at work or in education'],
  ['art5_biometric_sensitive_categorisation', '5(1)(g)', 'infers sensitive traits through biometric categorisation'],
  ['art5_realtime_rbi_law_enforcement', '5(1)(h)', 'performs real-time remote biometric identification in public for law enforcement'],
];

const ANNEX_III_POINT: Record<string, number> = {
  biometrics: 1,
  critical_infrastructure: 2,
  education: 3,
  employment: 4,
  essential_services: 5,
  law_enforcement: 6,
  migration: 7,
  justice_democracy: 8,
};

const TRANSPARENCY: Array<[string, string, string]> = [
  ['art50_interacts_with_people', '50(1)', 'interacts directly with people, who must be told they are dealing with an AI system'],
  ['art50_generates_synthetic_content', '50(2)', 'generates synthetic content, which must be marked as artificially generated'],
  ['art50_deepfake', '50(4)', 'generates or manipulates deep fakes, which must be disclosed'],
  ['art50_emotion_or_biometric_categorisation', '50(3)', 'recognises emotions or categorises people biometrically; they must be informed'],
];

const rank = (tier: RiskTier) => RISK_TIERS.indexOf(tier);

/**
 * The built-in 2026-11.1 rules, for replaying submissions made before questionnaires were
 * versioned (a version's rules: questionnaire/questionnaire-rules.ts evaluateQuestionnaire,
 * which gives exactly this for config/questionnaire/impact-assessment.json).
 *
 * Computes the EU AI Act risk tier with every reason that contributed. The tier is the most
 * severe reason's tier: any Art. 5 practice is prohibited; an Annex III area or an Annex I
 * safety component is high unless a valid Art. 6(3) derogation applies (never with profiling);
 * Art. 50 transparency cases are limited.
 */
export function assessRisk(answers: Record<string, unknown>): RiskAssessmentResult {
  const reasons: RiskReason[] = [];
  const yes = (id: string) => answers[id] === true;

  for (const [questionId, ref, text] of PROHIBITED) {
    if (yes(questionId)) {
      reasons.push({ code: `art5.${questionId.slice(5)}`, tier: 'prohibited', questionId, text: `The system ${text}.`, reference: `EU AI Act Art. ${ref}` });
    }
  }

  const area = typeof answers.annex3_area === 'string' ? answers.annex3_area : 'none';
  const derogation = typeof answers.art6_3_derogation === 'string' ? answers.art6_3_derogation : 'none';
  const profiles = yes('profiles_natural_persons');
  if (area !== 'none' && ANNEX_III_POINT[area]) {
    const label = ANNEX_III_AREAS.find((o) => o.value === area)?.label ?? area;
    const reference = `EU AI Act Art. 6(2), Annex III point ${ANNEX_III_POINT[area]}`;
    if (derogation !== 'none' && !profiles) {
      reasons.push({
        code: `art6_3.${derogation}`,
        tier: 'limited',
        questionId: 'art6_3_derogation',
        text: `Used in an Annex III area (${label}) but claimed not high-risk under Art. 6(3) (${derogation.replace(/_/g, ' ')}); the claim must be documented and the system registered.`,
        reference: 'EU AI Act Art. 6(3) and 6(4)',
      });
    } else {
      reasons.push({
        code: `annex3.${area}`,
        tier: 'high',
        questionId: 'annex3_area',
        text:
          derogation !== 'none'
            ? `Used in an Annex III area (${label}); the Art. 6(3) derogation does not apply because the system profiles natural persons.`
            : `Used in an Annex III high-risk area: ${label}.`,
        reference,
      });
    }
  }
  if (yes('annex1_safety_component')) {
    reasons.push({
      code: 'annex1.safety_component',
      tier: 'high',
      questionId: 'annex1_safety_component',
      text: 'A safety component of a product under EU harmonisation law that needs third-party conformity assessment.',
      reference: 'EU AI Act Art. 6(1), Annex I',
    });
  }

  for (const [questionId, ref, text] of TRANSPARENCY) {
    if (yes(questionId)) {
      reasons.push({ code: `art50.${questionId.slice(6)}`, tier: 'limited', questionId, text: `The system ${text}.`, reference: `EU AI Act Art. ${ref}` });
    }
  }
  if (yes('automated_decisions_legal_effect')) {
    reasons.push({
      code: 'context.automated_significant_decisions',
      tier: 'limited',
      questionId: 'automated_decisions_legal_effect',
      text: 'Takes decisions with legal or similarly significant effects without human review of each decision; human oversight and contestability must be designed in.',
      reference: 'ISO/IEC 42001 A.5.4; EU AI Act Art. 14 (good practice)',
    });
  }
  const groups = Array.isArray(answers.vulnerable_groups) ? (answers.vulnerable_groups as string[]) : [];
  if (groups.length > 0) {
    reasons.push({
      code: 'context.vulnerable_groups',
      tier: 'minimal',
      questionId: 'vulnerable_groups',
      text: `May affect vulnerable groups (${groups.join(', ').replace(/_/g, ' ')}); the assessment must weigh impacts on them.`,
      reference: 'ISO/IEC 42001 A.5.5',
    });
  }

  if (reasons.length === 0) {
    reasons.push({
      code: 'none.no_trigger',
      tier: 'minimal',
      questionId: 'annex3_area',
      text: 'No prohibited practice, high-risk area or transparency case was found.',
      reference: 'EU AI Act Art. 5, 6 and 50',
    });
  }
  const riskTier = reasons.reduce<RiskTier>((tier, r) => (rank(r.tier) > rank(tier) ? r.tier : tier), 'minimal');
  return { riskTier, reasons };
}
