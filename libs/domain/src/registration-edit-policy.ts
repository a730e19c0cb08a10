import type { LifecycleStage } from './lifecycle-stage';

/**
 * The fields a registration records (RegisterAiSystemDto), as an inventory import may set them.
 * `accountableOwnerId` is the person; imports name them by email.
 */
export const REGISTRATION_FIELDS = [
  'name',
  'purpose',
  'intendedUse',
  'accountableOwnerId',
  'businessUnit',
  'dataSources',
  'dataCategories',
  'personalData',
  'specialCategoryData',
  'modelType',
  'vendorType',
  'vendorName',
  'deploymentContext',
  'affectedStakeholders',
  'autonomyLevel',
] as const;

export type RegistrationField = (typeof REGISTRATION_FIELDS)[number];

/**
 * Fields that say who keeps the record and what it is called, not what the system does: the
 * impact assessment and the approval were about the system's use, so renaming it or moving it
 * to another business unit changes nothing anyone assessed or approved.
 */
export const ADMINISTRATIVE_FIELDS: ReadonlySet<RegistrationField> = new Set(['name', 'businessUnit']);

/** Why a field may not change now; `code` is stable for clients, `reason` is for people. */
export interface RegistrationEditRefusal {
  code: 'record_closed' | 'owner_held_by_lifecycle' | 'under_assessment' | 'needs_material_change';
  reason: string;
}

/** Stages after an approval: the running system is what was approved. */
const APPROVED_STAGES: ReadonlySet<LifecycleStage> = new Set(['deployment', 'operation', 'periodic_review', 'rollback']);
/** Stages in which the registration is being assessed or decided. */
const UNDER_ASSESSMENT: ReadonlySet<LifecycleStage> = new Set(['impact_assessment', 'approval']);
/** Stages after which nothing about the system changes any more. */
const CLOSED: ReadonlySet<LifecycleStage> = new Set(['retirement', 'retired', 'rejected']);

/**
 * May an import change `field` of a registered system in `stage`? Null when it may; else why not.
 *
 * - Before the system's lifecycle workflow has started (an import committed, its start still
 *   pending): everything; nothing has read the registration yet.
 * - The accountable owner: only then. The workflow holds the owner (review tasks are assigned to
 *   them, approval rounds exclude them as approvers), and no workflow action reassigns it, so
 *   changing only the read model would make the two disagree.
 * - Name and business unit: in every stage until retirement.
 * - What the system does (purpose, intended use, data, model, vendor, deployment context, affected
 *   stakeholders, autonomy): in design; frozen while it is assessed and approved (the approvers
 *   decide on what was assessed); after an approval only through a material change, which is
 *   re-assessed and approved, never silently by an import.
 */
export function registrationEditRefusal(field: RegistrationField, stage: LifecycleStage, lifecycleStarted: boolean): RegistrationEditRefusal | null {
  if (!lifecycleStarted) return null;
  if (CLOSED.has(stage)) {
    return { code: 'record_closed', reason: `the system is ${stage === 'retirement' ? 'being retired' : stage}; its registration no longer changes` };
  }
  if (field === 'accountableOwnerId') {
    return {
      code: 'owner_held_by_lifecycle',
      reason: 'the accountable owner of a system whose lifecycle has started is held by its workflow (review tasks, approval conflicts); an import cannot reassign it',
    };
  }
  if (ADMINISTRATIVE_FIELDS.has(field)) return null;
  if (stage === 'design') return null;
  if (UNDER_ASSESSMENT.has(stage)) {
    return { code: 'under_assessment', reason: `the registration is frozen while it is assessed and approved (stage ${stage}); it can change only in design` };
  }
  if (APPROVED_STAGES.has(stage)) {
    return { code: 'needs_material_change', reason: 'this was approved; changing it needs a material change (proposed, re-assessed and approved), not an import' };
  }
  return { code: 'record_closed', reason: `the registration does not change in stage ${stage}` };
}
