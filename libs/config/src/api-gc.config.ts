import { ConfigError } from './app-config';

/**
 * How the API's V8 heap is tuned (API_V8_PRETENURING). V8's allocation-site pretenuring, when it
 * sees most objects of one allocation site survive a young collection, allocates that site's
 * next objects in the old generation directly. Under the authorize load that backfired: objects
 * born old there, dead a millisecond later, still point at each request's young objects, and a
 * young collection cannot tell they are dead, so it copied and promoted about 600 KB of finished
 * requests each time. With pretenuring off the same load promoted about 160 KB per collection
 * and the pauses were shorter (README, "Speed"). `on` gives V8's default back.
 */
export interface ApiGcTuning {
  allocationSitePretenuring: boolean;
}

export function loadApiGcTuning(env: NodeJS.ProcessEnv): ApiGcTuning {
  const raw = env.API_V8_PRETENURING?.trim().toLowerCase();
  if (!raw || raw === 'off') return { allocationSitePretenuring: false };
  if (raw === 'on') return { allocationSitePretenuring: true };
  throw new ConfigError('API_V8_PRETENURING', `must be on (V8's default) or off (the API's default), not '${raw}'`);
}
