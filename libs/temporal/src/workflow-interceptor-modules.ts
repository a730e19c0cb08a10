import { join } from 'node:path';

/**
 * The workflow interceptor modules every bundle includes (scripts/bundle-workflows.ts, the test
 * run's bundle, the worker's development fallback): a pre-built bundle ignores the Worker's
 * `interceptors.workflowModules`, so the bundler must be told. Resolved beside the workflows,
 * from sources (tests) or from dist (a build).
 */
export function workflowInterceptorModules(): string[] {
  return [require.resolve(join(__dirname, '..', '..', '..', 'workflows', 'src', 'request-id.interceptors'))];
}
