import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORY_DIR } from './history-recorder';
import { testDataConverter } from '../support/temporal-data-converter';

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
  const events = (file: string): Array<Record<string, any>> => JSON.parse(readFileSync(join(HISTORY_DIR, file), 'utf8')).events;

  it('has a delivery with a retry and a dispatcher that started a delivery', () => {
    for (const [file, workflowType] of Object.entries(HISTORIES)) {
      expect(events(file)[0].workflowExecutionStartedEventAttributes.workflowType.name).toBe(workflowType);
    }
    // the delivery waited between its two attempts; the dispatcher started at least one delivery
    expect(events('webhook-delivery-retried-after-500.json').some((e) => e.eventType === 'EVENT_TYPE_TIMER_STARTED')).toBe(true);
    expect(events('webhook-dispatcher-started-deliveries.json').some((e) => e.eventType === 'EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED')).toBe(true);
  });

  it('replays each without a determinism error', async () => {
    const histories = Object.keys(HISTORIES).map((file) => ({ workflowId: file.replace(/\.json$/, ''), history: historyFromJSON(JSON.parse(readFileSync(join(HISTORY_DIR, file), 'utf8'))) }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE_PATH! }, dataConverter: testDataConverter() }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
