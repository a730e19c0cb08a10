import { ApprovalPolicy, ApproverSelector, DEFAULT_DOCUMENT_APPROVAL } from '../governance-policy.types';

/**
 * Re-assessments asked for when a questionnaire version is published: owners have `dueWithin`
 * (unless the publication names a later date), are reminded `remindBefore` the due date, and
 * what is still open `escalateAfterDue` past it goes to `escalateTo`.
 */
export interface ReassessmentPolicy {
  dueWithin: string;
  remindBefore: string;
  escalateAfterDue: string;
  escalateTo: ApproverSelector;
}

/** The policy file's `questionnaire` section. */
export interface QuestionnairePolicy {
  /** who approves publishing a version (a tier's approval shape; whoever drafted it is never asked) */
  approval: ApprovalPolicy;
  reassessment: ReassessmentPolicy;
}

export const DEFAULT_REASSESSMENT_POLICY: ReassessmentPolicy = {
  dueWithin: 'P30D',
  remindBefore: 'P7D',
  escalateAfterDue: 'P7D',
  escalateTo: { roles: ['governance_office'], users: [], relations: [] },
};

export const DEFAULT_QUESTIONNAIRE_POLICY: QuestionnairePolicy = { approval: DEFAULT_DOCUMENT_APPROVAL, reassessment: DEFAULT_REASSESSMENT_POLICY };
