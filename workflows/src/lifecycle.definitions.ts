import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ApprovalDecisionInput,
  ApprovalDecisionResult,
  AssessmentOutcome,
  ChecklistItemInput,
  DeploymentInput,
  LifecycleView,
  MonitoringEventInput,
  MonitoringOutcome,
  RetirementInput,
  ReviewDecisionInput,
  RollbackInput,
  SubmitAssessmentInput,
  RecordReassessmentInput,
  Actor,
  DelegateTaskInput,
  DelegationResult,
  MaterialChangeInput,
  WithdrawMaterialChangeInput,
} from './lifecycle.types';

// Shared by the workflows (handlers) and the API (callers): one name per human action.
export const submitForAssessmentUpdate = defineUpdate<LifecycleView, [Actor]>('submitForAssessment');
export const submitImpactAssessmentUpdate = defineUpdate<AssessmentOutcome, [SubmitAssessmentInput]>(
  'submitImpactAssessment',
);
/** A re-assessment on a new questionnaire version whose tier is the one in force: recorded, nothing else changes. */
export const recordReassessmentUpdate = defineUpdate<AssessmentOutcome, [RecordReassessmentInput]>('recordReassessment');
export const recordDeploymentUpdate = defineUpdate<LifecycleView, [DeploymentInput]>('recordDeployment');
export const recordMonitoringEventUpdate = defineUpdate<MonitoringOutcome, [MonitoringEventInput]>(
  'recordMonitoringEvent',
);
export const rollbackUpdate = defineUpdate<LifecycleView, [RollbackInput]>('rollback');
export const startRetirementUpdate = defineUpdate<LifecycleView, [RetirementInput]>('startRetirement');
export const completeChecklistItemUpdate = defineUpdate<LifecycleView, [ChecklistItemInput]>(
  'completeRetirementChecklistItem',
);
/** A new model, data, purpose or affected group: re-assessment and approval while the approved version runs. */
export const proposeMaterialChangeUpdate = defineUpdate<LifecycleView, [MaterialChangeInput]>('proposeMaterialChange');
/** Calls a change off before it deploys; a running approval round is withdrawn. */
export const withdrawMaterialChangeUpdate = defineUpdate<LifecycleView, [WithdrawMaterialChangeInput]>('withdrawMaterialChange');
export const decideReviewUpdate = defineUpdate<LifecycleView, [ReviewDecisionInput]>('decideReview');
/** Read-your-writes barrier: returns once everything accepted so far is persisted. */
export const syncUpdate = defineUpdate<LifecycleView, []>('sync');
/** Returns once the given approval round's outcome is applied and persisted. */
export const awaitApprovalSettledUpdate = defineUpdate<LifecycleView, [number]>('awaitApprovalSettled');
export const lifecycleStateQuery = defineQuery<LifecycleView>('lifecycleState');

export const decideApprovalUpdate = defineUpdate<ApprovalDecisionResult, [ApprovalDecisionInput]>('decideApproval');
/** Hands an open approval task to someone else who may decide it; the old task's links stop working. */
export const delegateApprovalTaskUpdate = defineUpdate<DelegationResult, [DelegateTaskInput]>('delegateApprovalTask');
/**
 * Sent by the lifecycle to a material change's approval round when the system is retired:
 * the round ends as 'withdrawn' and its open tasks are cancelled, so nobody is asked to approve
 * a version that can no longer deploy. A signal, because the parent must not wait on approvers.
 */
export const withdrawApprovalSignal = defineSignal<[{ reason: string }]>('withdrawApproval');

/**
 * Failure types thrown by validators and handlers. The API maps them to HTTP statuses, so a
 * refused action answers with a reason and leaves no trace in the workflow history.
 */
export const REFUSAL = {
  conflict: 'Conflict',
  badRequest: 'BadRequest',
  forbidden: 'Forbidden',
  notFound: 'NotFound',
} as const;
export type RefusalType = (typeof REFUSAL)[keyof typeof REFUSAL];

export interface RefusalDetails {
  field?: string;
}
