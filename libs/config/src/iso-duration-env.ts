import { isoDurationToApproxMs, parseIsoDuration } from '@aigov/domain/iso-duration';

export type ConfigFail = (variable: string, reason: string) => never;

/**
 * An ISO-8601 duration from the environment (`P30D`, `PT10S`) in milliseconds, `fallbackMs` when
 * unset, refused through `fail` when it does not parse or lies outside [minMs, maxMs].
 */
export function isoDurationFromEnv(env: NodeJS.ProcessEnv, name: string, fallbackMs: number, minMs: number, maxMs: number, fail: ConfigFail): number {
  const raw = env[name]?.trim();
  if (!raw) return fallbackMs;
  let ms: number;
  try {
    parseIsoDuration(raw);
    ms = isoDurationToApproxMs(raw);
  } catch (error) {
    return fail(name, (error as Error).message);
  }
  if (ms < minMs || ms > maxMs) fail(name, `must be from ${minMs} ms to ${maxMs} ms, got '${raw}'`);
  return ms;
}
