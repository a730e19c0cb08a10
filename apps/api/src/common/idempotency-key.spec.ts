import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, Observable, of, throwError } from 'rxjs';
import type { IdempotencyClaim, IdempotencyStore } from '../idempotency/idempotency.store';
import { IdempotencyKeyInterceptor } from './idempotency-key';

/**
 * The store's rules in memory (the table's own behaviour is covered against PostgreSQL by
 * test/integration/api/idempotent-writes): a key is held while its request runs, kept when it
 * succeeds, freed when it fails. What this spec is about is the interceptor when the database
 * goes away mid-request: the failed request cannot free its key, and its resend after the
 * outage must run again rather than find its own key held (409) until the lease ends.
 */
class MemoryStore {
  readonly rows = new Map<string, { hash: string; state: 'in_progress' | 'completed'; status?: number; body?: unknown }>();
  failReleases = 0;

  async claim(principal: string, key: string, hash: string): Promise<IdempotencyClaim> {
    const row = this.rows.get(`${principal}\n${key}`);
    if (!row) {
      this.rows.set(`${principal}\n${key}`, { hash, state: 'in_progress' });
      return { kind: 'claimed' };
    }
    if (row.hash !== hash) return { kind: 'mismatch' };
    if (row.state === 'in_progress') return { kind: 'in_progress' };
    return { kind: 'replay', status: row.status!, body: row.body };
  }

  async complete(principal: string, key: string, hash: string, status: number, body: unknown): Promise<void> {
    this.rows.set(`${principal}\n${key}`, { hash, state: 'completed', status, body });
  }

  async release(principal: string, key: string): Promise<void> {
    if (this.failReleases > 0) {
      this.failReleases--;
      throw new Error('connection terminated');
    }
    this.rows.delete(`${principal}\n${key}`);
  }
}

function call(interceptor: IdempotencyKeyInterceptor, handler: () => ReturnType<CallHandler['handle']>) {
  const reply = { sent: false, statusCode: 201, status: jest.fn().mockReturnThis(), header: jest.fn().mockReturnThis() };
  const request = { method: 'POST', url: '/api/v1/ai-systems/s1/submit', body: {}, headers: { 'idempotency-key': 'k-1' }, principal: { kind: 'user', id: 'u1' } };
  const context = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ExecutionContext;
  return lastValueFrom(interceptor.intercept(context, { handle: handler }), { defaultValue: undefined });
}

describe('Idempotency-Key when the database goes away mid-request', () => {
  it('lets the resend run once the outage is over, though the failed request could not free its key', async () => {
    const store = new MemoryStore();
    const interceptor = new IdempotencyKeyInterceptor(store as unknown as IdempotencyStore);
    store.failReleases = 1; // the request fails (503) and its release fails with it
    await expect(call(interceptor, () => throwError(() => new Error('database unavailable')))).rejects.toThrow('database unavailable');
    expect([...store.rows.values()]).toEqual([expect.objectContaining({ state: 'in_progress' })]);

    const handler = jest.fn(() => of({ stage: 'assessment' }));
    await expect(call(interceptor, handler)).resolves.toEqual({ stage: 'assessment' });
    expect(handler).toHaveBeenCalledTimes(1);
    // and the answer is kept as usual: a third send replays it without running
    await expect(call(interceptor, handler)).resolves.toEqual({ stage: 'assessment' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('keeps trying to free the key while the database is still away', async () => {
    const store = new MemoryStore();
    const interceptor = new IdempotencyKeyInterceptor(store as unknown as IdempotencyStore);
    store.failReleases = 2; // the request's release, and the first resend's
    await expect(call(interceptor, () => throwError(() => new Error('database unavailable')))).rejects.toThrow();
    await expect(call(interceptor, () => throwError(() => new Error('still unavailable')))).rejects.toThrow();
    const handler = jest.fn(() => of({ ok: true }));
    await expect(call(interceptor, handler)).resolves.toEqual({ ok: true });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('still answers 409 to a resend while the first request is really running', async () => {
    const store = new MemoryStore();
    const interceptor = new IdempotencyKeyInterceptor(store as unknown as IdempotencyStore);
    let finish!: () => void;
    const first = call(
      interceptor,
      () =>
        new Observable((subscriber) => {
          finish = () => {
            subscriber.next({ ok: 1 });
            subscriber.complete();
          };
        }),
    );
    await new Promise((r) => setImmediate(r));
    await expect(call(interceptor, () => of({ ok: 2 }))).rejects.toMatchObject({ status: 409 });
    finish();
    await expect(first).resolves.toEqual({ ok: 1 });
  });
});
