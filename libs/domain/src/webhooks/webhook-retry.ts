/**
 * When a failed delivery is tried again: exponential backoff from `initialIntervalMs`, doubling
 * and capped at `maxIntervalMs`, for at most `retryForMs` after the first attempt. No jitter:
 * the delivery workflow computes it, and workflow code must be deterministic (deliveries of
 * different events start at different times anyway).
 */
export interface WebhookRetryPolicy {
  initialIntervalMs: number;
  maxIntervalMs: number;
  retryForMs: number;
}

/** The defaults: 30 s, 1 min, 2 min, ... capped at an hour, for a day (about 30 attempts). */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = {
  initialIntervalMs: 30_000,
  maxIntervalMs: 3_600_000,
  retryForMs: 86_400_000,
};

/**
 * The wait before the next attempt after `attemptsMade` attempts (1 or more) have failed,
 * `elapsedMs` after the first began; null when the next attempt would fall outside the window.
 */
export function nextWebhookRetryDelayMs(policy: WebhookRetryPolicy, attemptsMade: number, elapsedMs: number): number | null {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1) throw new Error('attemptsMade must be an integer >= 1');
  // 2^50 is already far beyond any cap; stops the power from overflowing to Infinity.
  const doubling = Math.min(attemptsMade - 1, 50);
  const delay = Math.min(policy.initialIntervalMs * 2 ** doubling, policy.maxIntervalMs);
  return elapsedMs + delay > policy.retryForMs ? null : delay;
}

/** The whole schedule of waits a delivery that always fails goes through (for documentation and tests). */
export function webhookRetrySchedule(policy: WebhookRetryPolicy): number[] {
  const waits: number[] = [];
  let elapsed = 0;
  for (let attempts = 1; attempts < 10_000; attempts++) {
    const delay = nextWebhookRetryDelayMs(policy, attempts, elapsed);
    if (delay === null) break;
    waits.push(delay);
    elapsed += delay;
  }
  return waits;
}
