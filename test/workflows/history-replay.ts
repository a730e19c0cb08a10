import type { DataConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORY_DIR } from './history-recorder';
import { testDataConverter } from '../support/temporal-data-converter';

/** A committed history's events as recorded (JSON), e.g. to check what a recording holds. */
export function historyEvents(file: string): Array<Record<string, any>> {
  return JSON.parse(readFileSync(join(HISTORY_DIR, file), 'utf8')).events;
}

/** A committed history, ready to replay, named after its file. */
export function loadHistory(file: string): { workflowId: string; history: ReturnType<typeof historyFromJSON> } {
  return { workflowId: file.replace(/\.json$/, ''), history: historyFromJSON(JSON.parse(readFileSync(join(HISTORY_DIR, file), 'utf8'))) };
}

/**
 * Replays histories against the test run's workflow bundle and returns one line per history
 * that failed (a determinism error names the history and the event), so a spec can expect [].
 */
export async function replayFailures(histories: Array<{ workflowId: string; history: ReturnType<typeof historyFromJSON> }>, dataConverter: DataConverter = testDataConverter()): Promise<string[]> {
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE_PATH! }, dataConverter }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  return failures;
}
