import { proxyActivities, sleep } from '@temporalio/workflow';
import { nextWebhookRetryDelayMs } from '@aigov/domain/webhooks/webhook-retry';
import type { WebhookDeliveryActivities, WebhookDeliveryInput, WebhookDeliveryResult } from './webhook-delivery.contracts';

/**
 * An attempt's activity retries only when it could not run or record (database down, worker
 * gone): an endpoint's bad answer is an outcome, retried below on the policy's backoff. Its
 * timeout is the request's own plus time to record it, so a worker killed mid-POST is noticed
 * and the attempt runs again elsewhere that soon after.
 */
const activitiesFor = (attemptTimeoutMs: number) =>
  proxyActivities<WebhookDeliveryActivities>({
    startToCloseTimeout: attemptTimeoutMs,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });

/**
 * One event to one subscription, durably: POST, and on failure wait (exponential backoff,
 * bounded by the retry window) and POST again, until the endpoint takes it (2xx), says it is
 * gone for good (410: the subscription is disabled), the subscription is disabled or deleted,
 * or the window closes. A worker killed mid-POST leaves the activity to time out and run again
 * elsewhere: the receiver may get the event twice, always with the same webhook-id.
 */
export async function webhookDelivery({ deliveryId, retry, attemptTimeoutMs }: WebhookDeliveryInput): Promise<WebhookDeliveryResult> {
  const activities = activitiesFor(attemptTimeoutMs);
  // The window is counted in waits between attempts; each attempt adds at most its timeout.
  let waited = 0;
  for (let attempts = 1; ; attempts++) {
    const outcome = await activities.attemptWebhookDelivery({ deliveryId });
    if (outcome !== 'retry') return outcome;
    const delay = nextWebhookRetryDelayMs(retry, attempts, waited);
    if (delay === null) {
      await activities.failWebhookDelivery({ deliveryId });
      return 'failed';
    }
    waited += delay;
    await sleep(delay);
  }
}
