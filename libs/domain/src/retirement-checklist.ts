/**
 * Decommission checklist: the system is `retired` only when every item is done, so that
 * access, data and dependants are dealt with before the inventory says "gone".
 */
export const RETIREMENT_CHECKLIST_ITEMS = [
  'access_revoked',
  'model_archived_or_deleted',
  'data_archived_or_deleted',
  'users_informed',
  'dependent_systems_updated',
] as const;

export type RetirementChecklistItem = (typeof RETIREMENT_CHECKLIST_ITEMS)[number];

export interface ChecklistEntry {
  done: boolean;
  doneById: string | null;
  note: string | null;
}

export type RetirementChecklist = Record<RetirementChecklistItem, ChecklistEntry>;

export function emptyRetirementChecklist(): RetirementChecklist {
  const checklist = {} as RetirementChecklist;
  for (const item of RETIREMENT_CHECKLIST_ITEMS) checklist[item] = { done: false, doneById: null, note: null };
  return checklist;
}

export function isRetirementChecklistItem(value: unknown): value is RetirementChecklistItem {
  return typeof value === 'string' && (RETIREMENT_CHECKLIST_ITEMS as readonly string[]).includes(value);
}

export function isChecklistComplete(checklist: RetirementChecklist): boolean {
  return RETIREMENT_CHECKLIST_ITEMS.every((item) => checklist[item].done);
}
