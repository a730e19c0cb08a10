import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error';
import { RateLimiter } from './rate-limiter';
import { RATE_LIMITS, type RateLimitUse } from './rate-limit.metadata';

/**
 * Applies the route's @RateLimit uses in order; the first that refuses answers 429. The client
 * address is Fastify's request.ip, which honours X-Forwarded-For only from the proxies
 * TRUST_PROXY names, so a client cannot pick a fresh address per request.
 */
const COUNTED = Symbol('rate-limit counted');

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const uses = this.reflector.getAllAndOverride<RateLimitUse[] | undefined>(RATE_LIMITS, [context.getHandler(), context.getClass()]) ?? [];
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { [COUNTED]?: true }>();
    // @RateLimit on both a controller and its route runs this guard twice; a request counts once.
    if (request[COUNTED]) return true;
    request[COUNTED] = true;
    for (const use of uses) {
      const key = keyOf(request, use);
      if (key === null) continue;
      const result = this.limiter.take(use.name, key);
      if (!result.allowed) {
        const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
        void http.getResponse<FastifyReply>().header('retry-after', String(seconds));
        throw new ApiError(429, `too many requests: try again in ${seconds} s`);
      }
    }
    return true;
  }
}

function keyOf(request: FastifyRequest, use: RateLimitUse): string | null {
  if (use.by === 'ip') return request.ip;
  const email = (request.body as { email?: unknown } | undefined)?.email;
  // A body without an address is the validation pipe's to refuse; only addresses are counted.
  return typeof email === 'string' && email.length <= 320 ? email.trim().toLowerCase() : null;
}
