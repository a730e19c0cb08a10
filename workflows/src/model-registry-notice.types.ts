/** Registered workflow type name (a string, so the API never loads workflow code). */
export const MODEL_REGISTRY_NOTICE_WORKFLOW_TYPE = 'modelRegistryNotice';

export function modelRegistryNoticeWorkflowId(eventId: string): string {
  return `model-registry-notice:${eventId}`;
}

export interface ModelRegistryNoticeInput {
  /** the model registry event (model_registry_events.id) the notice is about */
  eventId: string;
  systemId: string;
  ownerId: string;
  /** the governance office is told too (an incident), not only the owner */
  toGovernanceOffice: boolean;
  subject: string;
  text: string;
  /** open an incident review (PDCA nonconformity) with this id for the owner; null when none is needed */
  incidentReview: {
    itemId: string;
    title: string;
    description: string;
    /** what the review is about: the monitoring event, or the registry event when none was recorded */
    sourceId: string;
    /** ISO 8601 duration, the tier's review dueWithin */
    dueWithin: string;
  } | null;
}
