// The workflow bundle's entry: every workflow type the worker registers.
export { aiSystemLifecycle } from './ai-system-lifecycle.workflow';
export { approvalRequest } from './approval-request.workflow';
export { pdcaItem } from './pdca-item.workflow';
export { managementReview, internalAudit } from './governance-cycle.workflows';
export { riskReviewScan } from './risk-review.workflow';
export { manualEvidenceExpiryScan } from './manual-evidence-expiry.workflow';
export { soaPublication } from './soa-publication.workflow';
export { controlHealthSnapshot } from './control-health-snapshot.workflow';
export { riskAcceptance } from './risk-acceptance.workflow';
export { webhookDispatcher } from './webhook-dispatcher.workflow';
export { webhookDelivery } from './webhook-delivery.workflow';
export { auditCheckpointRun } from './audit-checkpoint.workflow';
export { modelRegistryNotice } from './model-registry-notice.workflow';
export { seriousIncidentClock } from './serious-incident.workflow';
export { questionnairePublication, questionnaireReassessments } from './questionnaire-publication.workflow';
