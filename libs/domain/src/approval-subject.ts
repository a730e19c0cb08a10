/**
 * What an approval round approves. An AI system's rounds (its own and its material changes')
 * are the original kind; the Statement of Applicability, a risk acceptance and a questionnaire
 * version are governed records approved through the same engine, each with its own section of
 * the policy file.
 */
export const APPROVAL_SUBJECT_KINDS = ['ai_system', 'soa', 'risk_acceptance', 'questionnaire'] as const;
export type ApprovalSubjectKind = (typeof APPROVAL_SUBJECT_KINDS)[number];

export interface ApprovalSubject {
  kind: ApprovalSubjectKind;
  /** the record approved: the AI system, the SoA version, the risk, the questionnaire version */
  id: string;
  /** how people read it in tasks and emails, e.g. "Statement of Applicability version 3" */
  label?: string;
}

/** The subject of a round whose input predates subjects: the AI system. */
export function aiSystemSubject(systemId: string): ApprovalSubject {
  return { kind: 'ai_system', id: systemId };
}
