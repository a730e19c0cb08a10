import { DEFAULT_MAX_CACHED_WORKFLOWS, loadAppConfig } from './app-config';

const base = { DATABASE_URL: 'postgres://localhost/test' };

describe("the worker's cache and slots (WORKER_MAX_*)", () => {
  it('bounds the workflow cache by default, whatever the number of systems', () => {
    expect(loadAppConfig(base).workerTuning).toEqual({
      maxCachedWorkflows: DEFAULT_MAX_CACHED_WORKFLOWS,
      maxConcurrentWorkflowTasks: 40,
      maxConcurrentActivities: 100,
      maxConcurrentLocalActivities: 100,
    });
  });

  it('reads each from its variable', () => {
    const tuning = loadAppConfig({
      ...base,
      WORKER_MAX_CACHED_WORKFLOWS: '1000',
      WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '80',
      WORKER_MAX_CONCURRENT_ACTIVITIES: '20',
      WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: '50',
    }).workerTuning;
    expect(tuning).toEqual({ maxCachedWorkflows: 1000, maxConcurrentWorkflowTasks: 80, maxConcurrentActivities: 20, maxConcurrentLocalActivities: 50 });
  });

  it('keeps the concurrent workflow tasks within the cache, as the SDK requires', () => {
    expect(loadAppConfig({ ...base, WORKER_MAX_CACHED_WORKFLOWS: '10' }).workerTuning.maxConcurrentWorkflowTasks).toBe(10);
    expect(() => loadAppConfig({ ...base, WORKER_MAX_CACHED_WORKFLOWS: '10', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '20' })).toThrow(
      'configuration: WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: must not exceed WORKER_MAX_CACHED_WORKFLOWS (10)',
    );
  });

  it('names the variable that is wrong', () => {
    expect(() => loadAppConfig({ ...base, WORKER_MAX_CACHED_WORKFLOWS: '1' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS: must be an integer from 2/);
    expect(() => loadAppConfig({ ...base, WORKER_MAX_CONCURRENT_ACTIVITIES: 'many' })).toThrow(/WORKER_MAX_CONCURRENT_ACTIVITIES/);
  });
});
