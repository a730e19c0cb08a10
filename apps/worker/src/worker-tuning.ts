import type { WorkerOptions } from '@temporalio/worker';
import type { WorkerTuning } from '@aigov/config/app-config';

/** The SDK's options for the configured cache and slots (WORKER_MAX_* variables). */
export function workerOptionsOf(tuning: WorkerTuning): Pick<
  WorkerOptions,
  'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentLocalActivityExecutions'
> {
  return {
    maxCachedWorkflows: tuning.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: tuning.maxConcurrentWorkflowTasks,
    maxConcurrentActivityTaskExecutions: tuning.maxConcurrentActivities,
    maxConcurrentLocalActivityExecutions: tuning.maxConcurrentLocalActivities,
  };
}
