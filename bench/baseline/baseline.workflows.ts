import { condition, defineUpdate, proxyActivities, setHandler, startChild, workflowInfo } from '@temporalio/workflow';
import type { ChildWorkflowHandle } from '@temporalio/workflow';

/**
 * Bare-Temporal baselines for the benchmark: the same shape of work as one AI system's trip
 * to operation (two workflow starts, the same Updates, the same number of activities), with
 * no-op activities and no API, database or email. What the product adds on top is the
 * difference between the two runs.
 */
export interface BaselineActivities {
  noop(): Promise<void>;
}

const { noop } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '30 seconds' });

export const stepUpdate = defineUpdate<number, [number]>('step');
export const startRoundUpdate = defineUpdate<void, [number]>('startRound');
export const decideUpdate = defineUpdate<void, []>('decide');
export const awaitRoundUpdate = defineUpdate<void, []>('awaitRound');
export const pingUpdate = defineUpdate<number, []>('ping');

async function run(activities: number): Promise<void> {
  for (let i = 0; i < activities; i++) await noop();
}

/** The lifecycle: each 'step' Update runs n activities; 'startRound' starts the approval child. */
export async function baselineLifecycle(): Promise<void> {
  let done = false;
  let round: ChildWorkflowHandle<typeof baselineApproval> | undefined;
  let settled = false;
  setHandler(stepUpdate, async (n) => {
    await run(n);
    if (n === 0) done = true;
    return n;
  });
  setHandler(pingUpdate, () => 0);
  setHandler(startRoundUpdate, async (n) => {
    await run(n);
    round = await startChild(baselineApproval, { workflowId: `${workflowInfo().workflowId}:round` });
    // The parent applies the round's outcome with one more activity, like the real lifecycle.
    void round.result().then(async () => {
      await noop();
      settled = true;
    });
  });
  setHandler(awaitRoundUpdate, async () => {
    await condition(() => settled);
  });
  await condition(() => done);
}

/** The approval round: policy, approvers, tasks and two prompts; two decisions; close. */
export async function baselineApproval(): Promise<void> {
  let decisions = 0;
  setHandler(decideUpdate, async () => {
    await noop();
    decisions += 1;
  });
  await run(5);
  await condition(() => decisions >= 2);
  await noop();
}
