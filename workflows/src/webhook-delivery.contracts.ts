import type { WebhookRetryPolicy } from '@aigov/domain/webhooks/webhook-retry';

/** The dispatcher's workflow id: one per task queue (one deployment), so a second start is a no-op. */
export const webhookDispatcherWorkflowId = (taskQueue: string) => `webhook-dispatcher:${taskQueue}`;

/** A delivery's workflow id: the delivery row's id, so a delivery is driven by one workflow, ever. */
export const webhookDeliveryWorkflowId = (deliveryId: string) => `webhook-delivery:${deliveryId}`;

/** What the dispatcher gets back when there is work: deliveries to start, and how to retry them. */
export interface WebhookDispatchBatch {
  deliveryIds: string[];
  retry: WebhookRetryPolicy;
  /** an attempt's activity timeout: the configured request timeout plus time to record it */
  attemptTimeoutMs: number;
}

/** How one attempt ended. `retry`: a non-2xx answer (not 410) or no answer. */
export type WebhookAttemptOutcome = 'delivered' | 'gone' | 'cancelled' | 'retry';

export interface WebhookDeliveryInput {
  deliveryId: string;
  retry: WebhookRetryPolicy;
  attemptTimeoutMs: number;
}

export type WebhookDeliveryResult = 'delivered' | 'gone' | 'cancelled' | 'failed';

export interface WebhookDeliveryActivities {
  /**
   * Turns outbox events into deliveries (one per active subscription that wants the type) and
   * answers the deliveries whose workflow has not been started yet. Waits up to `maxWaitMs`,
   * looking every poll interval, while there is nothing to do.
   */
  nextWebhookDeliveries(input: { maxWaitMs: number; limit: number }): Promise<WebhookDispatchBatch>;
  /** Marks deliveries whose workflows are started (or were already), so they are not handed out again. */
  markWebhookDeliveriesStarted(input: { deliveryIds: string[] }): Promise<void>;
  /** One signed POST, recorded as an attempt; settles the delivery on success, 410 or a withdrawn subscription. */
  attemptWebhookDelivery(input: { deliveryId: string }): Promise<WebhookAttemptOutcome>;
  /** Settles a delivery whose retries ran out. */
  failWebhookDelivery(input: { deliveryId: string }): Promise<void>;
}
