import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { RateLimitGuard } from './rate-limit.guard';
import { RATE_LIMITS, type RateLimitUse } from './rate-limit.metadata';

/**
 * Puts a route (or every route of a controller) behind the named token-bucket limits; beyond
 * them it answers 429 with Retry-After in the one error shape, before the handler runs. For the
 * routes anyone can reach without signing in, e.g.
 *   @RateLimit({ name: 'sign_in', by: 'ip' }, { name: 'sign_in_email', by: 'email' })
 */
export const RateLimit = (...uses: RateLimitUse[]) =>
  applyDecorators(
    SetMetadata(RATE_LIMITS, uses),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({
      description: `Too many requests from this client (${uses.map((u) => `limit \`${u.name}\` by ${u.by === 'ip' ? 'client address' : 'email address'}`).join(', ')}); wait the Retry-After seconds`,
      schema: { $ref: '#/components/schemas/ApiError' },
      headers: { 'Retry-After': { description: 'seconds to wait before the next request is accepted', schema: { type: 'integer' } } },
    }),
  );

