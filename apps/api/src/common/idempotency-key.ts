import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import type { Principal } from '../auth/principal';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { requestFingerprint } from '../idempotency/request-fingerprint';
import { ApiError, badRequest, conflict } from './api-error';

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
 * Runs `work` as if its request had carried `key` as its Idempotency-Key: for a sender that
 * numbers its own deliveries (a webhook's delivery id), so the workflow and Update ids derived
 * inside are the same when it redelivers after a failure, and Temporal acts once.
 */
export function withIdempotencyKey<T>(principal: string, key: string, work: () => Promise<T>): Promise<T> {
  return scope.run({ key, principal }, work);
}

/** Writes whose answer is kept and replayed; reads need no key (a GET never changes state). */
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface KeyedRequest {
  method: string;
  url: string;
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/** The caller a key belongs to: a person's (or any principal's) id, else its kind (the bootstrap admin). */
function principalOf(principal: Principal | undefined): string {
  if (!principal) return 'anonymous';
  const id = (principal as { id?: unknown }).id;
  return typeof id === 'string' ? id : principal.kind;
}

/**
 * Reads the optional `Idempotency-Key` header. A client that lost an answer (timeout, 503
 * during a database restart) resends with the same key and gets the first answer again, once:
 * - every signed-in write (POST, PUT, PATCH, DELETE) claims the key for its caller and a hash of
 *   the request (method, path, body); the same key and request resent answers the stored first
 *   answer (status and body, header `Idempotent-Replayed: true`) without running again; the same
 *   key with another request is a 422; a resend while the first still runs is a 409;
 * - a request that fails releases the key, so a resend runs again; only successes are kept, a day;
 * - the Temporal-backed writes also derive their workflow and Update ids from the key
 *   (idempotentId), so a request that failed after Temporal accepted it still acts once.
 * Requests without a signed-in caller (emailed action links, sign-in, the monitoring webhook)
 * keep only that derivation: their keys cannot be bound to anyone.
 */
@Injectable()
export class IdempotencyKeyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  /**
   * Keys this process failed to release (the request failed because the database went away, so
   * the release failed too). Without this the resend after the outage would find its own key
   * still held and get 409 until the lease ran out; here the resend releases it first. Another
   * API process's orphans still wait for the lease. Bounded: the oldest are forgotten first.
   */
  private readonly unreleased = new Set<string>();

  /** store: undefined in preview mode (no database), where nothing is served */
  constructor(private readonly store?: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<KeyedRequest>();
    const raw = request.headers[IDEMPOTENCY_HEADER];
    if (raw === undefined) return next.handle();
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw badRequest('Idempotency-Key must be 1 to 200 visible ASCII characters', 'Idempotency-Key');
    }
    const principal = principalOf(request.principal);
    const run = () => new Observable((subscriber) => scope.run({ key, principal }, () => next.handle().subscribe(subscriber)));
    if (!this.store || !request.principal || !WRITE_METHODS.has(request.method.toUpperCase())) return run();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(this.once(this.store, { principal, key, request, reply }, run));
  }

  private async once(
    store: IdempotencyStore,
    { principal, key, request, reply }: { principal: string; key: string; request: KeyedRequest; reply: FastifyReply },
    run: () => Observable<unknown>,
  ): Promise<unknown> {
    const hash = requestFingerprint(request.method, request.url, request.body);
    const held = `${principal}\n${key}\n${hash}`;
    // delete() is true for one caller only, so two resends at once cannot free each other's claim.
    if (this.unreleased.delete(held)) await this.release(store, principal, key, hash);
    const claim = await store.claim(principal, key, hash);
    switch (claim.kind) {
      case 'mismatch':
        throw new ApiError(422, 'this Idempotency-Key was already used for a different request (method, path or body); use a new key for a new request', 'Idempotency-Key');
      case 'in_progress':
        void reply.header('retry-after', '1');
        throw conflict('a request with this Idempotency-Key is still in progress; retry once it has finished', 'Idempotency-Key');
      case 'unreadable':
        throw conflict('the answer kept for this Idempotency-Key can no longer be read (the server secret changed); use a new key', 'Idempotency-Key');
      case 'replay':
        void reply.status(claim.status).header('idempotent-replayed', 'true');
        return claim.body;
    }
    let body: unknown;
    try {
      body = await lastValueFrom(run(), { defaultValue: undefined });
    } catch (error) {
      await this.release(store, principal, key, hash);
      throw error;
    }
    // A handler that wrote its own answer (@Res, an HTML page) cannot be replayed: its key is freed.
    if (reply.sent) {
      await this.release(store, principal, key, hash);
      return body;
    }
    // Nest set the route's status before the handler ran; a handler may have changed it. The
    // write happened: a failure to keep its answer is logged, not turned into an error (the key
    // stays held until its lease ends, then a resend runs again).
    await store
      .complete(principal, key, hash, reply.statusCode, body)
      .catch((e: Error) => this.logger.warn(`keeping the answer for an idempotency key failed: ${e.message}`));
    return body;
  }

  private async release(store: IdempotencyStore, principal: string, key: string, hash: string): Promise<void> {
    try {
      await store.release(principal, key, hash);
    } catch (e) {
      this.logger.warn(`releasing an idempotency key failed (a resend to this process releases it first): ${(e as Error).message}`);
      if (this.unreleased.size >= 10_000) this.unreleased.delete(this.unreleased.values().next().value!);
      this.unreleased.add(`${principal}\n${key}\n${hash}`);
    }
  }
}
