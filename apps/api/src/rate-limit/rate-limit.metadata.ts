import type { RateLimitName } from '@aigov/config/rate-limit.config';

export const RATE_LIMITS = 'aigov:rate-limits';

/** What a limit counts by: the client's address (request.ip, see TRUST_PROXY) or the `email` field of the body. */
export type RateLimitKey = 'ip' | 'email';

export interface RateLimitUse {
  name: RateLimitName;
  by: RateLimitKey;
}
