import { Client, Connection, WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { GovernancePolicy } from '@aigov/domain/governance-policy.types';
import type { LifecycleInput, LifecycleView } from '@aigov/workflows/lifecycle.types';
import { lifecycleStateQuery } from '@aigov/workflows/lifecycle.definitions';
import { DirectoryUser, InMemoryActivities } from './in-memory-activities';
import { testDataConverter } from '../support/temporal-data-converter';

/** A worker on its own task queue against the run's dev server, with in-memory activities. */
export interface WorkflowTestEnv {
  client: Client;
  taskQueue: string;
  acts: InMemoryActivities;
  /** runs `fn` while a fresh worker polls (a Worker runs once) */
  run<T>(fn: () => Promise<T>): Promise<T>;
  startLifecycle(ownerId: string, name?: string): Promise<WorkflowHandle>;
  close(): Promise<void>;
}

export async function createWorkflowTestEnv(
  policy: GovernancePolicy,
  directory: DirectoryUser[],
  opts: { reviewDelayMs?: number } = {},
): Promise<WorkflowTestEnv> {
  const address = process.env.TEMPORAL_ADDRESS!;
  const bundle = process.env.TEST_WORKFLOW_BUNDLE_PATH!;
  const connection = await Connection.connect({ address });
  const dataConverter = testDataConverter();
  const client = new Client({ connection, dataConverter });
  const nativeConnection = await NativeConnection.connect({ address });
  const taskQueue = `wf-test-${randomUUID()}`;
  const acts = new InMemoryActivities(policy, directory, opts.reviewDelayMs);
  const newWorker = () =>
    Worker.create({
      connection: nativeConnection,
      taskQueue,
      dataConverter,
      workflowBundle: { codePath: bundle },
      activities: acts.activities(),
    });
  return {
    client,
    taskQueue,
    acts,
    run: async (fn) => (await newWorker()).runUntil(fn),
    startLifecycle: (ownerId, name = 'Test system') => {
      const systemId = randomUUID();
      const input: LifecycleInput = {
        systemId,
        registration: {
          name,
          purpose: 'Rank incoming support tickets',
          intendedUse: 'Internal triage',
          accountableOwnerId: ownerId,
          businessUnit: 'Support',
          dataSources: ['tickets'],
          dataCategories: ['contact data'],
          personalData: true,
          specialCategoryData: false,
          modelType: 'classifier',
          vendorType: 'in_house',
          vendorName: null,
          deploymentContext: 'internal',
          affectedStakeholders: ['customers'],
          autonomyLevel: 'human_in_the_loop',
          createdBy: { userId: ownerId, label: 'owner@example.test' },
        },
      };
      return client.workflow.start('aiSystemLifecycle', { taskQueue, workflowId: `ai-system:${systemId}`, args: [input] });
    },
    close: async () => {
      await nativeConnection.close();
      await connection.close();
    },
  };
}

export function viewOf(handle: WorkflowHandle): Promise<LifecycleView> {
  return handle.query(lifecycleStateQuery);
}

/** Polls a workflow query until `predicate` holds (workflow time runs on the real clock here). */
export async function eventually<T>(read: () => Promise<T>, predicate: (value: T) => boolean, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!predicate(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}
