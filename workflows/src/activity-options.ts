import { proxyActivities, RetryPolicy } from '@temporalio/workflow';
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
