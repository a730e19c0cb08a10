import { Client } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker } from '@temporalio/worker';
import path from 'node:path';
import { awaitRoundUpdate, decideUpdate, pingUpdate, startRoundUpdate, stepUpdate } from '../baseline/baseline.workflows';
import { pool } from './lifecycle-flow';

export interface BaselineWorker {
  taskQueue: string;
  stop(): Promise<void>;
}

/** A worker for the bare-Temporal baselines, in the bench process, with a no-op activity. */
export async function startBaselineWorker(address: string, taskQueue: string): Promise<BaselineWorker> {
  const connection = await NativeConnection.connect({ address });
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve(path.join(__dirname, '..', 'baseline', 'baseline.workflows')),
    logger: new DefaultLogger('WARN'),
  });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: { code },
    activities: { noop: async () => undefined },
  });
  const running = worker.run();
  return {
    taskQueue,
    stop: async () => {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/**
 * The work of one AI system's trip to operation without the product: the same workflow starts,
 * Updates and (no-op) activities, driven straight from a Temporal client.
 */
async function baselineSystem(client: Client, taskQueue: string, id: string): Promise<void> {
  const handle = await client.workflow.start('baselineLifecycle', { taskQueue, workflowId: id });
  await handle.executeUpdate(stepUpdate, { args: [1] }); // registration persisted
  await handle.executeUpdate(stepUpdate, { args: [1] }); // submit
  await handle.executeUpdate(startRoundUpdate, { args: [1] }); // assessment, approval round starts
  const round = client.workflow.getHandle(`${id}:round`);
  await round.executeUpdate(decideUpdate, { args: [] });
  await round.executeUpdate(decideUpdate, { args: [] });
  await handle.executeUpdate(awaitRoundUpdate, { args: [] }); // outcome applied
  await handle.executeUpdate(stepUpdate, { args: [1] }); // deployment
}

export async function runBaselineThroughput(
  client: Client,
  taskQueue: string,
  opts: { systems: number; concurrency: number },
): Promise<{ durationMs: number }> {
  const prefix = `bench-baseline-${Date.now()}`;
  const started = performance.now();
  await pool(opts.systems, opts.concurrency, (i) => baselineSystem(client, taskQueue, `${prefix}-${i}`));
  return { durationMs: performance.now() - started };
}

/**
 * Round trips of an Update on one running workflow: with `activities` 0 it does nothing
 * (Temporal's floor); otherwise it runs that many no-op activities in sequence.
 */
export async function runBareUpdateRtt(client: Client, taskQueue: string, samples: number, activities = 0): Promise<number[]> {
  const handle = await client.workflow.start('baselineLifecycle', { taskQueue, workflowId: `bench-ping-${activities}-${Date.now()}` });
  const latencies: number[] = [];
  for (let i = 0; i < samples + 5; i++) {
    const t0 = performance.now();
    if (activities === 0) await handle.executeUpdate(pingUpdate, { args: [] });
    else await handle.executeUpdate(stepUpdate, { args: [activities] });
    if (i >= 5) latencies.push(performance.now() - t0);
  }
  await handle.executeUpdate(stepUpdate, { args: [0] });
  return latencies;
}
