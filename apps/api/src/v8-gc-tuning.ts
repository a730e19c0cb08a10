import { setFlagsFromString } from 'node:v8';
import type { ApiGcTuning } from '@aigov/config/api-gc.config';

/**
 * Applies the API's heap tuning (api-gc.config.ts) to this process's V8. Called first thing in
 * main.ts, before the application allocates. V8 consults the pretenuring flag as it collects,
 * so set at start it takes effect (the benchmark's GC traces show it) without a command-line
 * flag that each of the API's launchers (npm start, the container, a process manager) would
 * have to repeat.
 */
export function applyApiGcTuning(tuning: ApiGcTuning): void {
  if (!tuning.allocationSitePretenuring) setFlagsFromString('--no-allocation-site-pretenuring');
}
