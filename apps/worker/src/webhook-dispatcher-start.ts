import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { webhookDispatcherWorkflowId } from '@aigov/workflows/webhook-delivery.contracts';

/**
 * Starts the outbound-webhook dispatcher unless it runs already: every worker calls this at
 * start, so however the dispatcher ended (terminated by hand, a bug), the next worker start
 * brings it back, and with many workers there is still one.
 */
export async function startWebhookDispatcher(client: Client, taskQueue: string): Promise<string> {
  const workflowId = webhookDispatcherWorkflowId(taskQueue);
  try {
    await client.workflow.start('webhookDispatcher', { workflowId, taskQueue, args: [], workflowIdConflictPolicy: 'USE_EXISTING' });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  return workflowId;
}
