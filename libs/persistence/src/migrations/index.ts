import { InitialSchema1763856000000 } from './1763856000000-InitialSchema';
import { RetirementChecklist1763856100000 } from './1763856100000-RetirementChecklist';
import { ApprovalDelegation1763942400000 } from './1763942400000-ApprovalDelegation';
import { OutboxCancelled1763946000000 } from './1763946000000-OutboxCancelled';
import { ReviewDueIndex1763949600000 } from './1763949600000-ReviewDueIndex';
import { DeploymentArtifacts1763953200000 } from './1763953200000-DeploymentArtifacts';
import { OperatingGovernance1763960400000 } from './1763960400000-OperatingGovernance';
import { ApprovalSubjects1764500000000 } from './1764500000000-ApprovalSubjects';
import { StatementOfApplicability1764500050000 } from './1764500050000-StatementOfApplicability';
import { EvidenceIndexes1764500100000 } from './1764500100000-EvidenceIndexes';
import { RiskRegister1764500200000 } from './1764500200000-RiskRegister';
import { RiskReviewReminder1764500300000 } from './1764500300000-RiskReviewReminder';
import { ControlHealthSnapshots1764500400000 } from './1764500400000-ControlHealthSnapshots';
import { RiskAcceptanceRounds1764500450000 } from './1764500450000-RiskAcceptanceRounds';
import { ManualEvidence1764500500000 } from './1764500500000-ManualEvidence';
import { DelegatedTaskIndex1764500600000 } from './1764500600000-DelegatedTaskIndex';
import { ControlHealthStore1764500700000 } from './1764500700000-ControlHealthStore';
import { SignInSessions1764500800000 } from './1764500800000-SignInSessions';
import { SystemSearchTrigram1764501000000 } from './1764501000000-SystemSearchTrigram';
import { StageReportIndex1764501010000 } from './1764501010000-StageReportIndex';
import { AuditHeadsLockOrder1764501100000 } from './1764501100000-AuditHeadsLockOrder';
import { ApiTokens1764502100000 } from './1764502100000-ApiTokens';
import { WebhookSources1764502200000 } from './1764502200000-WebhookSources';
import { OidcSignIn1764502000000 } from './1764502000000-OidcSignIn';

import { OutboundWebhooks1764502300000 } from './1764502300000-OutboundWebhooks';
/** Classes, not a glob, so compiled or bundled code runs the same list without scanning files. */
export const MIGRATIONS = [InitialSchema1763856000000, RetirementChecklist1763856100000, ApprovalDelegation1763942400000, OutboxCancelled1763946000000, ReviewDueIndex1763949600000, DeploymentArtifacts1763953200000, OperatingGovernance1763960400000, ApprovalSubjects1764500000000, StatementOfApplicability1764500050000, EvidenceIndexes1764500100000, RiskRegister1764500200000, RiskReviewReminder1764500300000, ControlHealthSnapshots1764500400000, RiskAcceptanceRounds1764500450000, ManualEvidence1764500500000, DelegatedTaskIndex1764500600000, ControlHealthStore1764500700000, SignInSessions1764500800000, SystemSearchTrigram1764501000000, StageReportIndex1764501010000, AuditHeadsLockOrder1764501100000, OidcSignIn1764502000000, ApiTokens1764502100000, WebhookSources1764502200000, OutboundWebhooks1764502300000];
