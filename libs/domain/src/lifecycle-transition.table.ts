import { LifecycleStage } from './lifecycle-stage';

/**
 * Every lifecycle action and the stages it may be taken from. This table is the single
 * source of truth: the workflow's Update validators and the API's 409 answers both read it.
 */
export const LIFECYCLE_TRANSITIONS = {
  submit_for_assessment: { from: ['design'], to: 'impact_assessment' },
  assessment_prohibited: { from: ['impact_assessment'], to: 'rejected' },
  assessment_completed: { from: ['impact_assessment'], to: 'approval' },
  approval_granted: { from: ['approval'], to: 'deployment' },
  approval_rejected: { from: ['approval'], to: 'rejected' },
  approval_changes_requested: { from: ['approval'], to: 'design' },
  approval_expired: { from: ['approval'], to: 'design' },
  // a required approval step had too few eligible people to reach its quorum
  approval_no_eligible_approvers: { from: ['approval'], to: 'design' },
  // the round was called off before it settled
  approval_withdrawn: { from: ['approval'], to: 'design' },
  deploy: { from: ['deployment', 'rollback'], to: 'operation' },
  // a materially changed version, re-assessed and approved while the old one ran, replaces it
  deploy_change: { from: ['operation'], to: 'operation' },
  review_due: { from: ['operation'], to: 'periodic_review' },
  critical_event: { from: ['operation'], to: 'periodic_review' },
  // a monitoring event below critical whose tier policy says `review`
  monitoring_event: { from: ['operation'], to: 'periodic_review' },
  review_continue: { from: ['periodic_review'], to: 'operation' },
  // remediation keeps the system running while a corrective action (a PDCA item) is worked
  review_remediate: { from: ['periodic_review'], to: 'operation' },
  review_rollback: { from: ['periodic_review'], to: 'rollback' },
  review_retire: { from: ['periodic_review'], to: 'retirement' },
  rollback: { from: ['operation', 'periodic_review'], to: 'rollback' },
  retire: {
    from: ['design', 'deployment', 'operation', 'periodic_review', 'rollback', 'rejected'],
    to: 'retirement',
  },
  retirement_completed: { from: ['retirement'], to: 'retired' },
} as const satisfies Record<string, { from: readonly LifecycleStage[]; to: LifecycleStage }>;

export type LifecycleAction = keyof typeof LIFECYCLE_TRANSITIONS;

export const LIFECYCLE_ACTIONS = Object.keys(LIFECYCLE_TRANSITIONS) as LifecycleAction[];

/** Raised when an action is not allowed in the current stage; the API maps it to 409. */
export class TransitionNotAllowedError extends Error {
  override readonly name = 'TransitionNotAllowedError';
  constructor(
    readonly stage: LifecycleStage,
    readonly action: LifecycleAction,
  ) {
    super(
      `action '${action}' is not allowed in stage '${stage}'; it is allowed only in: ${LIFECYCLE_TRANSITIONS[
        action
      ].from.join(', ')}`,
    );
  }
}

export function isActionAllowed(stage: LifecycleStage, action: LifecycleAction): boolean {
  return (LIFECYCLE_TRANSITIONS[action].from as readonly LifecycleStage[]).includes(stage);
}

/** The stage an action leads to, or a TransitionNotAllowedError. */
export function nextStage(stage: LifecycleStage, action: LifecycleAction): LifecycleStage {
  if (!isActionAllowed(stage, action)) throw new TransitionNotAllowedError(stage, action);
  return LIFECYCLE_TRANSITIONS[action].to;
}

/** Actions that can be taken from a stage, for UIs and error messages. */
export function allowedActions(stage: LifecycleStage): LifecycleAction[] {
  return LIFECYCLE_ACTIONS.filter((a) => isActionAllowed(stage, a));
}
