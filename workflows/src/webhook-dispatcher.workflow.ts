import { continueAsNew, ParentClosePolicy, proxyActivities, startChild, workflowInfo, WorkflowIdReusePolicy } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { WebhookDeliveryActivities } from './webhook-delivery.contracts';
import { webhookDeliveryWorkflowId } from './webhook-delivery.contracts';
import { webhookDelivery } from './webhook-delivery.workflow';

/** One wait for work lasts at most this long, so the history grows by a few events a minute when idle. */
const MAX_WAIT_MS = 60_000;
const BATCH = 100;
/** Rounds per run before continueAsNew (each round adds an activity and, with work, child starts). */
const ROUNDS_PER_RUN = 200;

const waiting = proxyActivities<Pick<WebhookDeliveryActivities, 'nextWebhookDeliveries'>>({
  startToCloseTimeout: '2 minutes',
  // the activity polls the database while it waits; a worker that dies is noticed within this
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const activities = proxyActivities<Pick<WebhookDeliveryActivities, 'markWebhookDeliveriesStarted'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Drains the webhook outbox: one long-running workflow per deployment (started by every
 * worker at boot with "use the existing one"), which turns new events into deliveries and
 * starts one webhookDelivery workflow per delivery, as an abandoned child whose id is the
 * delivery's and whose id may not be reused: a delivery handed out twice (the marking lost in
 * a crash) is started once. Marking comes after the start, so a crash in between starts it
 * again (refused) rather than never.
 */
export async function webhookDispatcher(): Promise<void> {
  for (let round = 0; round < ROUNDS_PER_RUN && !workflowInfo().continueAsNewSuggested; round++) {
    const batch = await waiting.nextWebhookDeliveries({ maxWaitMs: MAX_WAIT_MS, limit: BATCH });
    if (batch.deliveryIds.length === 0) continue;
    await Promise.all(
      batch.deliveryIds.map(async (deliveryId) => {
        try {
          await startChild(webhookDelivery, {
            workflowId: webhookDeliveryWorkflowId(deliveryId),
            args: [{ deliveryId, retry: batch.retry, attemptTimeoutMs: batch.attemptTimeoutMs }],
            parentClosePolicy: ParentClosePolicy.ABANDON,
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          });
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        }
      }),
    );
    await activities.markWebhookDeliveriesStarted({ deliveryIds: batch.deliveryIds });
  }
  await continueAsNew<typeof webhookDispatcher>();
}
