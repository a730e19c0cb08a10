import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const HISTORY_DIR = join(__dirname, '..', 'fixtures', 'histories');

/**
 * With RECORD_HISTORIES=1, stores a finished run's history under test/fixtures/histories so
 * the replay test can check that later workflow code still replays it. Recording is a
 * deliberate act (a workflow change that is meant to be compatible must keep old histories).
 *
 * historyToJSON/historyFromJSON need a single protobufjs copy; package.json `overrides` lifts
 * grpc's proto-loader to Temporal's protobufjs so npm installs one ("type must be a Type" otherwise).
 */
export async function saveHistoryForReplay(client: Client, workflowId: string, runId: string | undefined, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  mkdirSync(HISTORY_DIR, { recursive: true });
  writeFileSync(join(HISTORY_DIR, `${name}.json`), historyToJSON(history));
}

/** Like saveHistoryForReplay, for tests that drive workflows through the API on the shared dev server. */
export async function saveServerHistoryForReplay(workflowId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
  try {
    await saveHistoryForReplay(new Client({ connection }), workflowId, undefined, name);
  } finally {
    await connection.close();
  }
}

/**
 * Like saveServerHistoryForReplay for a workflow that continued as new: stores every run whose
 * history contains `mustContain` (e.g. an Update's name) as `<name>-<n>.json`.
 */
export async function saveServerRunsForReplay(workflowId: string, name: string, mustContain: string): Promise<number> {
  if (process.env.RECORD_HISTORIES !== '1') return 0;
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection });
    let saved = 0;
    for await (const run of client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) {
      const history = await client.workflow.getHandle(workflowId, run.runId).fetchHistory();
      const json = historyToJSON(history);
      if (!json.includes(mustContain)) continue;
      mkdirSync(HISTORY_DIR, { recursive: true });
      writeFileSync(join(HISTORY_DIR, `${name}-${++saved}.json`), json);
    }
    return saved;
  } finally {
    await connection.close();
  }
}
