import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import type { RateLimitName } from '@aigov/config/rate-limit.config';
import { TakeResult, TokenBuckets } from './token-bucket';

/** The process's token buckets, one set per configured limit (RATE_LIMIT_<NAME>). */
@Injectable()
export class RateLimiter {
  private readonly buckets = new Map<RateLimitName, TokenBuckets>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    for (const [name, rule] of Object.entries(config.rateLimits.rules) as Array<[RateLimitName, AppConfig['rateLimits']['rules'][RateLimitName]]>) {
      if (rule) this.buckets.set(name, new TokenBuckets({ capacity: rule.requests, windowMs: rule.windowMs, maxKeys: config.rateLimits.maxKeys }));
    }
  }

  /** Takes a token for `key` under limit `name`; a limit that is off always allows. */
  take(name: RateLimitName, key: string): TakeResult {
    return this.buckets.get(name)?.take(key) ?? { allowed: true, remaining: Number.POSITIVE_INFINITY };
  }
}
