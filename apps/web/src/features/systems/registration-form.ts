import type { Registration } from './use-system-actions';
import { isBlankDraft, toScope, type ScopeDraft } from '../scope/scope-draft';

/**
 * The registration wizard's form, apart from its screens: what a person types (lists as one
 * entry per line, yes/no as a choice not yet made), which step asks for each field of the API's
 * RegisterAiSystemDto, and the request body. An API error names a field (`vendorName`,
 * `dataSources`); stepOfField says which step shows it beside that field.
 */
export interface RegistrationDraft {
  name: string;
  purpose: string;
  intendedUse: string;
  businessUnit: string;
  /** '' = the person registering */
  accountableOwnerId: string;
  modelType: string;
  vendorType: '' | 'in_house' | 'third_party';
  vendorName: string;
  autonomyLevel: '' | Registration['autonomyLevel'];
  deploymentContext: string;
  dataSources: string;
  dataCategories: string;
  personalData: '' | 'yes' | 'no';
  specialCategoryData: '' | 'yes' | 'no';
  affectedStakeholders: string;
  /** the proposed scope (optional): one entry per line; autonomy '' = the human control chosen above */
  scopeDataCategories: string;
  scopeTools: string;
  scopeDecisions: string;
  scopeAutonomy: ScopeDraft['autonomy'];
}

export type DraftField = keyof RegistrationDraft;

export const EMPTY_DRAFT: RegistrationDraft = {
  name: '',
  purpose: '',
  intendedUse: '',
  businessUnit: '',
  accountableOwnerId: '',
  modelType: '',
  vendorType: '',
  vendorName: '',
  autonomyLevel: '',
  deploymentContext: '',
  dataSources: '',
  dataCategories: '',
  personalData: '',
  specialCategoryData: '',
  affectedStakeholders: '',
  scopeDataCategories: '',
  scopeTools: '',
  scopeDecisions: '',
  scopeAutonomy: '',
};

export interface WizardStep {
  id: 'purpose' | 'technology' | 'data' | 'scope' | 'review';
  title: string;
  fields: readonly DraftField[];
}

export const WIZARD_STEPS: readonly WizardStep[] = [
  { id: 'purpose', title: 'Purpose and ownership', fields: ['name', 'purpose', 'intendedUse', 'businessUnit', 'accountableOwnerId'] },
  { id: 'technology', title: 'Model and use', fields: ['modelType', 'vendorType', 'vendorName', 'autonomyLevel', 'deploymentContext'] },
  { id: 'data', title: 'Data and people', fields: ['dataSources', 'dataCategories', 'personalData', 'specialCategoryData', 'affectedStakeholders'] },
  { id: 'scope', title: 'Scope', fields: ['scopeDataCategories', 'scopeTools', 'scopeDecisions', 'scopeAutonomy'] },
  { id: 'review', title: 'Check and register', fields: [] },
];

/** The step asking for an API error's field (`dataSources.0` is dataSources); the last step for anything else. */
export function stepOfField(field: string | undefined): number {
  // The API names the scope's parts `scope.tools`, ...; the wizard asks for them on the scope step.
  if (field === 'scope' || field?.startsWith('scope.')) return WIZARD_STEPS.findIndex((step) => step.id === 'scope');
  const top = (field ?? '').split(/[.[]/)[0];
  const index = WIZARD_STEPS.findIndex((step) => (step.fields as readonly string[]).includes(top!));
  return index === -1 ? WIZARD_STEPS.length - 1 : index;
}

/** Entries of a one-per-line list, trimmed, blank lines dropped. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

const REQUIRED: Partial<Record<DraftField, string>> = {
  name: 'Enter a name.',
  purpose: 'Say what the system is for.',
  intendedUse: 'Say how and where it is meant to be used.',
  businessUnit: 'Enter the business unit.',
  modelType: 'Enter the kind of model.',
  vendorType: 'Choose who builds it.',
  autonomyLevel: 'Choose how much a person stays in control.',
  deploymentContext: 'Say where it runs.',
  personalData: 'Choose yes or no.',
  specialCategoryData: 'Choose yes or no.',
};

/**
 * What is missing on a step before moving on: only that a required answer is there. Everything
 * else (lengths, a third party's name, the owner) is the API's to judge, and its answer comes
 * back beside the field.
 */
export function missingOnStep(step: WizardStep, draft: RegistrationDraft): Partial<Record<DraftField, string>> {
  const missing: Partial<Record<DraftField, string>> = {};
  for (const field of step.fields) {
    const message = REQUIRED[field];
    if (message && !String(draft[field]).trim()) missing[field] = message;
  }
  return missing;
}

/** The scope step as the API's ScopeDto fields, for ScopeFields. */
export function scopeDraftOf(draft: RegistrationDraft): ScopeDraft {
  return { dataCategories: draft.scopeDataCategories, tools: draft.scopeTools, decisions: draft.scopeDecisions, autonomy: draft.scopeAutonomy };
}

/**
 * The request body: every field of RegisterAiSystemDto, the owner only when someone else is
 * named, the scope only when something of it was entered (its autonomy defaults to the human
 * control chosen on the model step).
 */
export function toRegistration(draft: RegistrationDraft): Registration {
  return {
    name: draft.name.trim(),
    purpose: draft.purpose.trim(),
    intendedUse: draft.intendedUse.trim(),
    businessUnit: draft.businessUnit.trim(),
    ...(draft.accountableOwnerId ? { accountableOwnerId: draft.accountableOwnerId } : {}),
    modelType: draft.modelType.trim(),
    vendorType: draft.vendorType as Registration['vendorType'],
    // a third party without a name is left to the API, which refuses it naming vendorName
    ...(draft.vendorType === 'third_party' && draft.vendorName.trim() ? { vendorName: draft.vendorName.trim() } : {}),
    autonomyLevel: draft.autonomyLevel as Registration['autonomyLevel'],
    deploymentContext: draft.deploymentContext.trim(),
    dataSources: linesOf(draft.dataSources),
    dataCategories: linesOf(draft.dataCategories),
    personalData: draft.personalData === 'yes',
    specialCategoryData: draft.specialCategoryData === 'yes',
    affectedStakeholders: linesOf(draft.affectedStakeholders),
    ...(isBlankDraft(scopeDraftOf(draft)) ? {} : { scope: toScope(scopeDraftOf(draft), draft.autonomyLevel || undefined) }),
  };
}
