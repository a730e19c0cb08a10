import { ActionTokenEntity } from './action-token.entity';
import { AiSystemEntity } from './ai-system.entity';
import { AuditEventEntity } from './audit-event.entity';
import { DeploymentEntity } from './deployment.entity';
import { EmailOutboxEntity } from './email-outbox.entity';
import { ImpactAssessmentEntity } from './impact-assessment.entity';
import { MonitoringEventEntity } from './monitoring-event.entity';
import { StageTransitionEntity } from './stage-transition.entity';
import { TaskEntity } from './task.entity';
import { UserEntity } from './user.entity';
import { PdcaItemEntity } from './pdca-item.entity';
import { ManagementReviewEntity } from './management-review.entity';
import { InternalAuditEntity } from './internal-audit.entity';
import { MaterialChangeEntity } from './material-change.entity';

export { ActionTokenEntity } from './action-token.entity';
export { AiSystemEntity } from './ai-system.entity';
export type { VendorType } from './ai-system.entity';
export { AuditEventEntity } from './audit-event.entity';
export { DeploymentEntity } from './deployment.entity';
export type { DeploymentKind } from './deployment.entity';
export { EmailOutboxEntity } from './email-outbox.entity';
export type { EmailOutboxStatus } from './email-outbox.entity';
export { ImpactAssessmentEntity } from './impact-assessment.entity';
export { MonitoringEventEntity } from './monitoring-event.entity';
export { StageTransitionEntity } from './stage-transition.entity';
export { TaskEntity } from './task.entity';
export type { TaskKind, TaskStatus } from './task.entity';
export { UserEntity } from './user.entity';
export { PdcaItemEntity } from './pdca-item.entity';
export { ManagementReviewEntity } from './management-review.entity';
export { InternalAuditEntity } from './internal-audit.entity';
export { MaterialChangeEntity } from './material-change.entity';
import { RiskEntity } from './risk.entity';
import { RiskAiSystemEntity } from './risk-ai-system.entity';
import { RiskAcceptanceRoundEntity } from './risk-acceptance-round.entity';
export { RiskEntity } from './risk.entity';
export type { RiskControlRef, RiskOrigin } from './risk.entity';
export { RiskAiSystemEntity } from './risk-ai-system.entity';
export { RiskAcceptanceRoundEntity } from './risk-acceptance-round.entity';
import { SoaVersionEntity } from './soa-version.entity';
import { SoaEntryEntity } from './soa-entry.entity';
export { SoaVersionEntity } from './soa-version.entity';
export { SoaEntryEntity } from './soa-entry.entity';
import { ControlHealthSnapshotEntity } from './control-health-snapshot.entity';
export { ControlHealthSnapshotEntity } from './control-health-snapshot.entity';
import { ManualEvidenceContentEntity, ManualEvidenceEntity } from './manual-evidence.entity';
export { ManualEvidenceContentEntity, ManualEvidenceEntity } from './manual-evidence.entity';
export type { ManualEvidenceControlRef } from './manual-evidence.entity';
import { SignInLinkEntity } from './sign-in-link.entity';
import { SessionEntity } from './session.entity';
export { SignInLinkEntity } from './sign-in-link.entity';
export { SessionEntity } from './session.entity';
export type { SessionEndReason, SessionMethod } from './session.entity';
import { OidcIdentityEntity } from './oidc-identity.entity';
export { OidcIdentityEntity } from './oidc-identity.entity';
import { AuditSystemHeadEntity } from './audit-system-head.entity';
import { ControlHealthDirtyEntity, ControlHealthStateEntity, ControlHealthSystemEntity } from './control-health-store.entity';
export { AuditSystemHeadEntity } from './audit-system-head.entity';
export { ControlHealthDirtyEntity, ControlHealthStateEntity, ControlHealthSystemEntity } from './control-health-store.entity';
import { ApiTokenEntity } from './api-token.entity';
export { ApiTokenEntity } from './api-token.entity';
export type { ApiTokenRevokedReason } from './api-token.entity';

import { WebhookDeliveryAttemptEntity, WebhookDeliveryEntity, WebhookEventEntity, WebhookSubscriptionEntity } from './webhook.entity';
export { WebhookDeliveryAttemptEntity, WebhookDeliveryEntity, WebhookEventEntity, WebhookSubscriptionEntity } from './webhook.entity';
export type { WebhookDeliveryStatus, WebhookDisabledReason } from './webhook.entity';
import { WebhookReceiptEntity, WebhookSourceAiSystemEntity, WebhookSourceEntity } from './webhook-source.entity';
export { WebhookReceiptEntity, WebhookSourceAiSystemEntity, WebhookSourceEntity } from './webhook-source.entity';
export type { WebhookSourceKind } from './webhook-source.entity';
import { ModelRegistryEventEntity } from './model-registry-event.entity';
export { ModelRegistryEventEntity } from './model-registry-event.entity';
import { MonitoringPlanEntity } from './monitoring-plan.entity';
import { DocumentationStatementEntity } from './documentation-statement.entity';
export { MonitoringPlanEntity } from './monitoring-plan.entity';
export { DocumentationStatementEntity } from './documentation-statement.entity';
import { SeriousIncidentEntity } from './serious-incident.entity';
export { SeriousIncidentEntity } from './serious-incident.entity';

import { AiSystemScopeEntity } from './ai-system-scope.entity';
import { GatewayTokenEntity } from './gateway-token.entity';
export { AiSystemScopeEntity } from './ai-system-scope.entity';
export type { AiSystemScopeStatus } from './ai-system-scope.entity';
export { GatewayTokenEntity } from './gateway-token.entity';
export type { GatewayKind } from './gateway-token.entity';
import { QuestionnaireVersionEntity } from './questionnaire-version.entity';
import { QuestionnaireReassessmentEntity } from './questionnaire-reassessment.entity';
export { QuestionnaireVersionEntity } from './questionnaire-version.entity';
export { QuestionnaireReassessmentEntity } from './questionnaire-reassessment.entity';

/** Listed explicitly rather than globbed, so bundled or compiled code finds them without a file scan. */
export const ENTITIES = [
  UserEntity,
  AiSystemEntity,
  StageTransitionEntity,
  ImpactAssessmentEntity,
  TaskEntity,
  ActionTokenEntity,
  DeploymentEntity,
  MonitoringEventEntity,
  AuditEventEntity,
  EmailOutboxEntity,
  PdcaItemEntity,
  ManagementReviewEntity,
  InternalAuditEntity,
  MaterialChangeEntity,
  RiskEntity,
  RiskAiSystemEntity,
  RiskAcceptanceRoundEntity,
  SoaVersionEntity,
  SoaEntryEntity,
  ControlHealthSnapshotEntity,
  ManualEvidenceEntity,
  ManualEvidenceContentEntity,
  SignInLinkEntity,
  SessionEntity,
  OidcIdentityEntity,
  AuditSystemHeadEntity,
  ControlHealthSystemEntity,
  ControlHealthDirtyEntity,
  ControlHealthStateEntity,
  ApiTokenEntity,
  WebhookSubscriptionEntity,
  WebhookEventEntity,
  WebhookDeliveryEntity,
  WebhookDeliveryAttemptEntity,
  WebhookSourceEntity,
  WebhookSourceAiSystemEntity,
  WebhookReceiptEntity,
  ModelRegistryEventEntity,
  MonitoringPlanEntity,
  DocumentationStatementEntity,
  SeriousIncidentEntity,
  AiSystemScopeEntity,
  GatewayTokenEntity,
  QuestionnaireVersionEntity,
  QuestionnaireReassessmentEntity,
];
