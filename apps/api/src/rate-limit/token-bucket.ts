/**
 * In-process token buckets, one per key (a client address, an email address). A bucket holds
 * up to `capacity` tokens and refills at `capacity / windowMs`; a request takes one token or is
 * told how long to wait for the next. Memory is bounded: a bucket that has refilled completely
 * is the same as no bucket, so it is forgotten; beyond `maxKeys` the least recently used key is
 * forgotten first (which can only ever be generous to that key, never lock anyone out).
 *
 * One process, one set of buckets: with N API replicas a client gets up to N times the limit,
 * which is what a limit against guessing and mail bombing needs (a shared store would add a
 * network round trip to every public request).
 */
export interface TokenBucketOptions {
  capacity: number;
  windowMs: number;
  maxKeys: number;
  /** a monotonic clock in milliseconds (performance.now by default); tests pass their own */
  now?: () => number;
}

export type TakeResult = { allowed: true; remaining: number } | { allowed: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** How often (at most) a take() sweeps out buckets that have refilled completely. */
const SWEEP_EVERY_MS = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly ratePerMs: number;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(private readonly options: TokenBucketOptions) {
    if (!(options.capacity >= 1) || !(options.windowMs > 0) || !(options.maxKeys >= 1)) throw new Error('a token bucket needs capacity >= 1, windowMs > 0 and maxKeys >= 1');
    this.ratePerMs = options.capacity / options.windowMs;
    this.now = options.now ?? (() => performance.now());
    this.lastSweep = this.now();
  }

  /** keys remembered now (for tests and metrics) */
  get size(): number {
    return this.buckets.size;
  }

  take(key: string): TakeResult {
    const now = this.now();
    if (now - this.lastSweep >= SWEEP_EVERY_MS) this.sweep(now);
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(this.options.capacity, bucket.tokens + (now - bucket.at) * this.ratePerMs) : this.options.capacity;
    // Re-inserted so the Map's order is least recently used first.
    if (bucket) this.buckets.delete(key);
    if (tokens >= 1) {
      this.remember(key, { tokens: tokens - 1, at: now });
      return { allowed: true, remaining: Math.floor(tokens - 1) };
    }
    this.remember(key, { tokens, at: now });
    return { allowed: false, retryAfterMs: Math.ceil((1 - tokens) / this.ratePerMs) };
  }

  private remember(key: string, bucket: Bucket): void {
    this.buckets.set(key, bucket);
    while (this.buckets.size > this.options.maxKeys) {
      const oldest = this.buckets.keys().next().value as string;
      this.buckets.delete(oldest);
    }
  }

  /** Forgets every bucket that is full again: taking from it would start from a full one anyway. */
  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.ratePerMs >= this.options.capacity) this.buckets.delete(key);
    }
  }
}
