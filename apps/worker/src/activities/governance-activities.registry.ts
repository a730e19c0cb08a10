import { Injectable } from '@nestjs/common';
import type { GovernanceActivities } from '@aigov/workflows/activity.contracts';
import { ApprovalTaskActivities } from './approval-task.activities';
import { LifecycleProjectionActivities } from './lifecycle-projection.activities';
import { TaskPromptActivities } from './task-prompt.activities';
import { NotificationActivities } from './notification.activities';
import { PdcaActivities } from './pdca.activities';
import { GovernanceCycleActivities } from './governance-cycle.activities';
import type { RiskReviewActivities as RiskReviewContract } from '@aigov/workflows/risk-review.contracts';
import { RiskReviewActivities } from './risk-review.activities';
import type { ManualEvidenceExpiryActivities as ManualEvidenceExpiryContract } from '@aigov/workflows/manual-evidence-expiry.contracts';
import { ManualEvidenceExpiryActivities } from './manual-evidence-expiry.activities';
import type { SoaPublicationActivities as SoaPublicationContract } from '@aigov/workflows/soa-publication.contracts';
import { SoaPublicationActivities } from './soa-publication.activities';
import type { ControlHealthSnapshotActivities as ControlHealthSnapshotContract } from '@aigov/workflows/control-health-snapshot.contracts';
import { ControlHealthSnapshotActivities } from './control-health-snapshot.activities';
import type { RiskAcceptanceActivities as RiskAcceptanceContract } from '@aigov/workflows/risk-acceptance.contracts';
import { RiskAcceptanceActivities } from './risk-acceptance.activities';
import type { WebhookDeliveryActivities as WebhookDeliveryContract } from '@aigov/workflows/webhook-delivery.contracts';
import { WebhookDeliveryActivities } from './webhook-delivery.activities';
import type { AuditCheckpointActivities as AuditCheckpointContract } from '@aigov/workflows/audit-checkpoint.contracts';
import { AuditCheckpointActivities } from './audit-checkpoint.activities';
import type { QuestionnairePublicationActivities as QuestionnairePublicationContract } from '@aigov/workflows/questionnaire-publication.contracts';
import { QuestionnairePublicationActivities } from './questionnaire-publication.activities';
import type { SeriousIncidentActivities as SeriousIncidentContract } from '@aigov/workflows/serious-incident.contracts';
import { SeriousIncidentActivities } from './serious-incident.activities';

/**
 * Temporal's dependency-injection pattern: Nest builds the providers, and the worker gets a
 * plain object of bound methods. The `GovernanceActivities` type keeps it in step with the
 * workflows' `proxyActivities` contract.
 */
@Injectable()
export class GovernanceActivitiesRegistry {
  constructor(
    private readonly projection: LifecycleProjectionActivities,
    private readonly approvals: ApprovalTaskActivities,
    private readonly prompts: TaskPromptActivities,
    private readonly notifications: NotificationActivities,
    private readonly pdca: PdcaActivities,
    private readonly cycles: GovernanceCycleActivities,
    private readonly riskReviews: RiskReviewActivities,
    private readonly soaPublications: SoaPublicationActivities,
    private readonly controlHealthSnapshots: ControlHealthSnapshotActivities,
    private readonly riskAcceptances: RiskAcceptanceActivities,
    private readonly manualEvidenceExpiry: ManualEvidenceExpiryActivities,
    private readonly webhooks: WebhookDeliveryActivities,
    private readonly auditCheckpoints: AuditCheckpointActivities,
    private readonly questionnairePublications: QuestionnairePublicationActivities,
    private readonly seriousIncidents: SeriousIncidentActivities,
  ) {}

  activities(): GovernanceActivities & RiskReviewContract & SoaPublicationContract & ControlHealthSnapshotContract & RiskAcceptanceContract & ManualEvidenceExpiryContract & WebhookDeliveryContract & AuditCheckpointContract & QuestionnairePublicationContract & SeriousIncidentContract {
    return {
      applyLifecycleChange: this.projection.applyLifecycleChange.bind(this.projection),
      getTierPolicy: this.projection.getTierPolicy.bind(this.projection),
      getSubjectApprovalPolicy: this.projection.getSubjectApprovalPolicy.bind(this.projection),
      resolveApprovers: this.approvals.resolveApprovers.bind(this.approvals),
      createApprovalTasks: this.approvals.createApprovalTasks.bind(this.approvals),
      recordApprovalDecision: this.approvals.recordApprovalDecision.bind(this.approvals),
      closeApprovalTasks: this.approvals.closeApprovalTasks.bind(this.approvals),
      markTasks: this.approvals.markTasks.bind(this.approvals),
      delegateApprovalTask: this.approvals.delegateApprovalTask.bind(this.approvals),
      sendTaskPrompt: this.prompts.sendTaskPrompt.bind(this.prompts),
      notify: this.notifications.notify.bind(this.notifications),
      getGovernanceCyclePolicy: this.pdca.getGovernanceCyclePolicy.bind(this.pdca),
      applyPdcaChange: this.pdca.applyPdcaChange.bind(this.pdca),
      conveneManagementReview: this.cycles.conveneManagementReview.bind(this.cycles),
      recordManagementReviewMinutes: this.cycles.recordManagementReviewMinutes.bind(this.cycles),
      openInternalAudit: this.cycles.openInternalAudit.bind(this.cycles),
      completeInternalAudit: this.cycles.completeInternalAudit.bind(this.cycles),
      markGovernanceReminded: this.cycles.markGovernanceReminded.bind(this.cycles),
      findRisksDueForReview: this.riskReviews.findRisksDueForReview.bind(this.riskReviews),
      markRiskReviewReminded: this.riskReviews.markRiskReviewReminded.bind(this.riskReviews),
      applySoaPublicationOutcome: this.soaPublications.applySoaPublicationOutcome.bind(this.soaPublications),
      takeControlHealthSnapshot: this.controlHealthSnapshots.takeControlHealthSnapshot.bind(this.controlHealthSnapshots),
      applyRiskAcceptanceOutcome: this.riskAcceptances.applyRiskAcceptanceOutcome.bind(this.riskAcceptances),
      findManualEvidenceNoticesDue: this.manualEvidenceExpiry.findManualEvidenceNoticesDue.bind(this.manualEvidenceExpiry),
      claimManualEvidenceNotice: this.manualEvidenceExpiry.claimManualEvidenceNotice.bind(this.manualEvidenceExpiry),
      nextWebhookDeliveries: this.webhooks.nextWebhookDeliveries.bind(this.webhooks),
      markWebhookDeliveriesStarted: this.webhooks.markWebhookDeliveriesStarted.bind(this.webhooks),
      attemptWebhookDelivery: this.webhooks.attemptWebhookDelivery.bind(this.webhooks),
      failWebhookDelivery: this.webhooks.failWebhookDelivery.bind(this.webhooks),
      publishAuditCheckpoints: this.auditCheckpoints.publishAuditCheckpoints.bind(this.auditCheckpoints),
      applyQuestionnairePublicationOutcome: this.questionnairePublications.applyQuestionnairePublicationOutcome.bind(this.questionnairePublications),
      reassessmentProgress: this.questionnairePublications.reassessmentProgress.bind(this.questionnairePublications),
      sendReassessmentNotices: this.questionnairePublications.sendReassessmentNotices.bind(this.questionnairePublications),
      applySeriousIncidentChange: this.seriousIncidents.applySeriousIncidentChange.bind(this.seriousIncidents),
      notifySeriousIncident: this.seriousIncidents.notifySeriousIncident.bind(this.seriousIncidents),
    };
  }
}
