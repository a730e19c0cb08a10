import { patched, proxyActivities, proxyLocalActivities, RetryPolicy } from '@temporalio/workflow';
import type { GovernanceActivities } from './activity.contracts';

/**
 * Activities are idempotent, so they retry without limit: a database or SMTP outage delays
 * the lifecycle but never loses a step. The backoff caps at a minute to recover promptly.
 */
const retry: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };

export const activities = proxyActivities<GovernanceActivities>({ startToCloseTimeout: '30 seconds', retry });

/**
 * Email prompts heartbeat before handing mail to SMTP, so a worker that dies mid-send is
 * detected after the heartbeat timeout and the prompt goes out from another worker promptly.
 */
export const mailActivities = proxyActivities<Pick<GovernanceActivities, 'sendTaskPrompt'>>({
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: '10 seconds',
  retry,
});

/**
 * Patch id: from here on the short database steps of the lifecycle and its approval rounds run
 * as local activities. Histories recorded before it replay with ordinary activities (no marker,
 * so `patched` answers false); never rename it.
 */
export const PATCH_LOCAL_DB_ACTIVITIES = 'local-db-activities-v1';

/** The steps that only read the policy or write one short transaction (idempotent, no mail, no heartbeat). */
export type DbActivities = Pick<
  GovernanceActivities,
  | 'applyLifecycleChange'
  | 'getTierPolicy'
  | 'getSubjectApprovalPolicy'
  | 'resolveApprovers'
  | 'createApprovalTasks'
  | 'recordApprovalDecision'
  | 'closeApprovalTasks'
  | 'markTasks'
  | 'delegateApprovalTask'
>;

/**
 * The same steps as local activities: the worker runs them inside the workflow task that asks
 * for them, so each saves the server round trips of scheduling, dispatching and completing an
 * activity task (50-100 ms on the dev server, more on a cluster). They are idempotent like the
 * others, since a local activity runs again when its workflow task is retried. The retry policy
 * is the same: a database outage delays the step, the worker schedules a timer between
 * attempts once they pass the local retry threshold.
 */
const localDbActivities = proxyLocalActivities<DbActivities>({ startToCloseTimeout: '30 seconds', retry });

/**
 * The database steps: local activities in workflows that have the patch, ordinary ones when an
 * older history is replayed. Called at each step (not once per run), as `patched` expects: a
 * workflow started before the change takes the new path from its first live workflow task on.
 */
export function dbActivities(): DbActivities {
  return patched(PATCH_LOCAL_DB_ACTIVITIES) ? localDbActivities : activities;
}
