import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORY_DIR } from './history-recorder';

/**
 * Replays committed histories against the current workflow code: a non-deterministic change
 * (new command order, removed activity) fails here before it can break running workflows.
 */
describe('workflow determinism', () => {
  const files = readdirSync(HISTORY_DIR).filter((f) => f.endsWith('.json'));

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it('replays every recorded history without a determinism error', async () => {
    const histories = files.map((file) => {
      const raw = JSON.parse(readFileSync(join(HISTORY_DIR, file), 'utf8'));
      return { workflowId: file.replace(/\.json$/, ''), history: historyFromJSON(raw) };
    });
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE_PATH! } },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
