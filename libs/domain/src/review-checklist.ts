/**
 * What a periodic review looks at (ISO/IEC 42001 9.1 monitoring, measurement, analysis and
 * evaluation). Every item is answered on every review, so "not looked at" cannot pass for
 * "fine"; a failed item cannot be waved through with `continue`.
 */
export const REVIEW_CHECKLIST_ITEMS = [
  'performance',
  'drift',
  'bias_fairness',
  'incidents',
  'data_or_model_changes',
  'intended_use',
] as const;
export type ReviewChecklistItem = (typeof REVIEW_CHECKLIST_ITEMS)[number];

export const CHECKLIST_RESULTS = ['pass', 'concern', 'fail', 'not_applicable'] as const;
export type ChecklistResult = (typeof CHECKLIST_RESULTS)[number];

export interface ReviewChecklistAnswer {
  result: ChecklistResult;
  note: string | null;
}

export type ReviewChecklist = Record<ReviewChecklistItem, ReviewChecklistAnswer>;

/** A pointer to evidence kept elsewhere (a dashboard, a report, a ticket), never the evidence itself. */
export interface EvidenceRef {
  label: string;
  uri: string;
}

export interface ReviewChecklistProblem {
  field: string;
  reason: string;
}

/**
 * The first problem with a review's checklist for the decision taken, or null. `continue`
 * needs every item answered and none failed; the other outcomes need the checklist too, so
 * the record says why the system was remediated, rolled back or retired.
 */
export function reviewChecklistProblem(decision: string, checklist: unknown): ReviewChecklistProblem | null {
  if (typeof checklist !== 'object' || checklist === null || Array.isArray(checklist)) {
    return { field: 'checklist', reason: `must answer every item: ${REVIEW_CHECKLIST_ITEMS.join(', ')}` };
  }
  const answers = checklist as Record<string, unknown>;
  for (const key of Object.keys(answers)) {
    if (!(REVIEW_CHECKLIST_ITEMS as readonly string[]).includes(key)) {
      return { field: `checklist.${key}`, reason: `is not a review checklist item (items: ${REVIEW_CHECKLIST_ITEMS.join(', ')})` };
    }
  }
  for (const item of REVIEW_CHECKLIST_ITEMS) {
    const answer = answers[item] as { result?: unknown; note?: unknown } | undefined;
    if (!answer || typeof answer !== 'object') return { field: `checklist.${item}`, reason: 'is not answered' };
    if (!(CHECKLIST_RESULTS as readonly unknown[]).includes(answer.result)) {
      return { field: `checklist.${item}.result`, reason: `must be one of ${CHECKLIST_RESULTS.join(', ')}` };
    }
    if ((answer.result === 'concern' || answer.result === 'fail') && !(typeof answer.note === 'string' && answer.note.trim())) {
      return { field: `checklist.${item}.note`, reason: `a note is required when the result is '${answer.result}'` };
    }
    if (decision === 'continue' && answer.result === 'fail') {
      return { field: `checklist.${item}`, reason: "failed: a review with a failed item must remediate, roll back or retire, not continue" };
    }
  }
  return null;
}

/** Items answered `concern` or `fail`: the findings a remediation addresses. */
export function reviewFindings(checklist: ReviewChecklist): ReviewChecklistItem[] {
  return REVIEW_CHECKLIST_ITEMS.filter((item) => checklist[item].result === 'concern' || checklist[item].result === 'fail');
}
