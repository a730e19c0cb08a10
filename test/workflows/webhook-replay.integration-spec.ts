import { historyEvents, loadHistory, replayFailures } from './history-replay';

const HISTORIES = {
  'webhook-delivery-retried-after-500.json': 'webhookDelivery',
  'webhook-dispatcher-started-deliveries.json': 'webhookDispatcher',
} as const;

/**
 * The outbound-webhook workflows' committed histories (recorded by
 * test/integration/webhooks/outbound-webhooks.integration-spec.ts with RECORD_HISTORIES=1): a
 * delivery that retried after a 500 and the dispatcher that started it replay against the current
 * workflow code, so a change to their commands (attempts, backoff timers, starting children,
 * continue-as-new) that is not behind patched() fails here by name. The general replay test runs
 * them too.
 */
describe('outbound webhook workflows replay', () => {
  it('has a delivery with a retry and a dispatcher that started a delivery', () => {
    for (const [file, workflowType] of Object.entries(HISTORIES)) {
      expect(historyEvents(file)[0].workflowExecutionStartedEventAttributes.workflowType.name).toBe(workflowType);
    }
    // the delivery waited between its two attempts; the dispatcher started at least one delivery
    expect(historyEvents('webhook-delivery-retried-after-500.json').some((e) => e.eventType === 'EVENT_TYPE_TIMER_STARTED')).toBe(true);
    expect(historyEvents('webhook-dispatcher-started-deliveries.json').some((e) => e.eventType === 'EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED')).toBe(true);
  });

  it('replays each without a determinism error', async () => {
    expect(await replayFailures(Object.keys(HISTORIES).map(loadHistory))).toEqual([]);
  });
});
