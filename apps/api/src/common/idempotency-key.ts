import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Observable } from 'rxjs';
import type { Principal } from '../auth/principal';
import { badRequest } from './api-error';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

interface IdempotencyScope {
  key: string;
  /** keys are per caller: two people using the same key do not collide */
  principal: string;
}

const scope = new AsyncLocalStorage<IdempotencyScope>();

/**
 * A stable UUID for (caller, key, purpose): the same retried request derives the same id, so
 * the workflow start and the Temporal Update id it becomes are deduplicated by Temporal itself.
 */
export function idempotentId(purpose: string): string | undefined {
  const current = scope.getStore();
  if (!current) return undefined;
  const hex = createHash('sha256').update(`${current.principal}\n${current.key}\n${purpose}`).digest('hex');
  // Shaped as a version-4 UUID so it fits uuid columns and validators.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Reads the optional `Idempotency-Key` header. A client that lost an answer (timeout, 503
 * during a database restart) resends with the same key and gets the same effect once: the
 * registration starts the same workflow id, and each Update carries the same update id.
 */
@Injectable()
export class IdempotencyKeyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined>; principal?: Principal }>();
    const raw = request.headers[IDEMPOTENCY_HEADER];
    if (raw === undefined) return next.handle();
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw badRequest('Idempotency-Key must be 1 to 200 visible ASCII characters', 'Idempotency-Key');
    }
    const principal = request.principal?.kind === 'user' ? request.principal.id : (request.principal?.kind ?? 'anonymous');
    return new Observable((subscriber) => scope.run({ key, principal }, () => next.handle().subscribe(subscriber)));
  }
}
