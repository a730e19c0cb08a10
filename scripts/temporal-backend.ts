/**
 * Which Temporal the tests, the benchmark and `npm start` run against: `dev`, the CLI's dev
 * server on SQLite (the default: starts in a second, needs one binary), or `cluster`, Temporal's
 * own server on PostgreSQL (scripts/temporal-cluster.ts), which is what production runs.
 */
export type TemporalBackend = 'dev' | 'cluster';

export const TEMPORAL_BACKENDS: readonly TemporalBackend[] = ['dev', 'cluster'];

export function parseTemporalBackend(value: string | undefined, source: string): TemporalBackend {
  const text = value?.trim().toLowerCase();
  if (!text) return 'dev';
  if ((TEMPORAL_BACKENDS as readonly string[]).includes(text)) return text as TemporalBackend;
  throw new Error(`${source} must be one of ${TEMPORAL_BACKENDS.join(', ')}, got '${value}'`);
}

/** AIGOV_TEMPORAL from the environment (dev when unset). */
export function temporalBackendFromEnv(env: NodeJS.ProcessEnv = process.env): TemporalBackend {
  return parseTemporalBackend(env.AIGOV_TEMPORAL, 'AIGOV_TEMPORAL');
}
