import type { DataSource } from 'typeorm';
import type { Clock } from '@aigov/config/clock';
import { StoredResponseCipher } from './stored-response.cipher';

/** How long a key is remembered after its first use. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/**
 * How long a request may hold its key before another with the same key may take over: only a
 * process that died mid-request leaves a key held that long (a finished or failed request
 * releases it at once). The API's own calls to the database and Temporal end well before this.
 */
export const IDEMPOTENCY_LEASE_MS = 2 * 60_000;
const PURGE_EVERY_MS = 10 * 60_000;

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' }
  | { kind: 'unreadable' };

interface Row {
  request_hash: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: Buffer | null;
}

/** The idempotency_records table (migration 1764502500000): claim, complete, release. */
export class IdempotencyStore {
  private readonly cipher: StoredResponseCipher;
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    secret: string,
  ) {
    this.cipher = new StoredResponseCipher(secret);
  }

  /**
   * Takes the key for this request, or says why not. One statement decides between concurrent
   * requests: the INSERT wins for exactly one of them; it also takes over a key whose day has
   * passed, or one left held by a request that died (same request only).
   */
  async claim(principal: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const now = this.clock.now();
    this.purgeNowAndThen(now);
    for (let attempt = 0; attempt < 3; attempt++) {
      const claimed: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotency_records AS r (principal, idempotency_key, request_hash, state, created_at, locked_until, expires_at)
         VALUES ($1, $2, $3, 'in_progress', $4, $5, $6)
         ON CONFLICT (principal, idempotency_key) DO UPDATE
           SET request_hash = excluded.request_hash, state = 'in_progress', response_status = NULL, response_body = NULL,
               created_at = excluded.created_at, locked_until = excluded.locked_until, expires_at = excluded.expires_at
         WHERE r.expires_at <= $4 OR (r.state = 'in_progress' AND r.locked_until <= $4 AND r.request_hash = excluded.request_hash)
         RETURNING 1`,
        [principal, key, requestHash, now, new Date(now.getTime() + IDEMPOTENCY_LEASE_MS), new Date(now.getTime() + IDEMPOTENCY_TTL_MS)],
      );
      if (claimed.length) return { kind: 'claimed' };
      const [row]: Row[] = await this.dataSource.query(
        `SELECT request_hash, state, response_status, response_body FROM idempotency_records WHERE principal = $1 AND idempotency_key = $2`,
        [principal, key],
      );
      if (!row) continue; // released between the two statements: try again
      if (row.request_hash !== requestHash) return { kind: 'mismatch' };
      if (row.state === 'in_progress') return { kind: 'in_progress' };
      const text = row.response_body ? this.cipher.open(row.response_body, binding(principal, key, requestHash)) : '';
      if (text === null) return { kind: 'unreadable' };
      return { kind: 'replay', status: row.response_status!, body: text === '' ? undefined : JSON.parse(text) };
    }
    return { kind: 'in_progress' };
  }

  async complete(principal: string, key: string, requestHash: string, status: number, body: unknown): Promise<void> {
    const text = body === undefined ? '' : JSON.stringify(body);
    await this.dataSource.query(
      `UPDATE idempotency_records SET state = 'completed', response_status = $4, response_body = $5
        WHERE principal = $1 AND idempotency_key = $2 AND request_hash = $3 AND state = 'in_progress'`,
      [principal, key, requestHash, status, this.cipher.seal(text, binding(principal, key, requestHash))],
    );
  }

  /** A refused or failed request frees its key: resending it runs again (and nothing was written). */
  async release(principal: string, key: string, requestHash: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_records WHERE principal = $1 AND idempotency_key = $2 AND request_hash = $3 AND state = 'in_progress'`,
      [principal, key, requestHash],
    );
  }

  /** Expired rows go now and then, from whichever API process notices first; no timer to stop. */
  private purgeNowAndThen(now: Date): void {
    if (now.getTime() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now.getTime();
    void this.dataSource.query(`DELETE FROM idempotency_records WHERE expires_at <= $1`, [now]).catch(() => undefined);
  }
}

const binding = (principal: string, key: string, requestHash: string) => `${principal}\n${key}\n${requestHash}`;
