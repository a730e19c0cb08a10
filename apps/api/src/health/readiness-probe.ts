/** How long readiness waits for each dependency before calling it down. */
export const PROBE_TIMEOUT_MS = 2000;

export interface Readiness {
  database: 'up' | 'down';
  temporal: 'up' | 'down';
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

/**
 * Readiness without letting probes cost the dependencies: each check is bounded by a timeout,
 * and callers arriving while one is in flight share its answer, so a flood of probes (or an
 * attacker calling /health/ready) keeps at most one query on PostgreSQL and one call on Temporal
 * in flight per process. No answer is reused after it arrived: readiness is never stale.
 */
export class ReadinessProbe {
  private inFlight: Promise<Readiness> | null = null;

  constructor(
    private readonly probes: { database: () => Promise<unknown>; temporal: () => Promise<unknown> },
    private readonly options: { timeoutMs?: number } = {},
  ) {}

  check(): Promise<Readiness> {
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async run(): Promise<Readiness> {
    const timeout = this.options.timeoutMs ?? PROBE_TIMEOUT_MS;
    const state = (probe: () => Promise<unknown>) =>
      within(Promise.resolve().then(probe), timeout).then(
        () => 'up' as const,
        () => 'down' as const,
      );
    const [database, temporal] = await Promise.all([state(this.probes.database), state(this.probes.temporal)]);
    return { database, temporal };
  }
}
