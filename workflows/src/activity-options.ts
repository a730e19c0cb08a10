import { proxyActivities } from '@temporalio/workflow';
import type { GovernanceActivities } from './activity.contracts';

/**
 * Activities are idempotent, so they retry without limit: a database or SMTP outage delays
 * the lifecycle but never loses a step. The backoff caps at a minute to recover promptly.
 */
export const activities = proxyActivities<GovernanceActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
