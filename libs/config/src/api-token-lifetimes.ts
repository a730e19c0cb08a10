/**
 * How long personal API tokens live. Every token expires: a token pasted into a script and
 * forgotten stops working on its own. A person may ask for a shorter or longer life at
 * creation, up to the maximum; rotation keeps the old token working for the overlap, so a
 * client can switch to the new one without a gap.
 */
export interface ApiTokenLifetimes {
  /** a new token's life when none is asked for (API_TOKEN_DEFAULT_DAYS, 90) */
  defaultDays: number;
  /** the longest life a token may be given (API_TOKEN_MAX_DAYS, 365) */
  maxDays: number;
  /** after a rotation the old token works this much longer at most (API_TOKEN_ROTATION_OVERLAP_HOURS, 24; 0 ends it at once) */
  rotationOverlapMs: number;
}

type IntegerReader = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) => number;

/** Parsed with app-config's own integer reader, so a bad value stops the start with the variable's name. */
export function apiTokenLifetimes(env: NodeJS.ProcessEnv, integer: IntegerReader, fail: (variable: string, reason: string) => Error): ApiTokenLifetimes {
  const maxDays = integer(env, 'API_TOKEN_MAX_DAYS', 365, 1, 3650);
  const defaultDays = integer(env, 'API_TOKEN_DEFAULT_DAYS', Math.min(90, maxDays), 1, 3650);
  if (defaultDays > maxDays) throw fail('API_TOKEN_DEFAULT_DAYS', `must not be longer than API_TOKEN_MAX_DAYS (${maxDays})`);
  const rotationOverlapMs = integer(env, 'API_TOKEN_ROTATION_OVERLAP_HOURS', 24, 0, 24 * 30) * 3600_000;
  return { defaultDays, maxDays, rotationOverlapMs };
}
