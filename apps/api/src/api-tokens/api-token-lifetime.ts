import type { ApiTokenLifetimes } from '@aigov/config/api-token-lifetimes';

const DAY_MS = 24 * 3600_000;

/** Writing last_used_at at most this often per token: a busy script does not write on every request. */
export const LAST_USED_WRITE_INTERVAL_MS = 60_000;

export type TokenLifeRequest = { expiresAt?: string; expiresInDays?: number };
export type TokenLifeDecision = { ok: true; expiresAt: Date } | { ok: false; message: string; field: 'expiresAt' | 'expiresInDays' };

/**
 * When a new token expires: the asked-for date or number of days, else the default, and never
 * beyond the maximum (asking for more is refused, not quietly shortened: the person would
 * otherwise believe in a date that is not true).
 */
export function tokenExpiry(now: Date, request: TokenLifeRequest, lifetimes: Pick<ApiTokenLifetimes, 'defaultDays' | 'maxDays'>): TokenLifeDecision {
  if (request.expiresAt !== undefined && request.expiresInDays !== undefined) {
    return { ok: false, message: 'give either expiresAt or expiresInDays, not both', field: 'expiresAt' };
  }
  const latest = now.getTime() + lifetimes.maxDays * DAY_MS;
  if (request.expiresAt !== undefined) {
    const at = new Date(request.expiresAt);
    if (Number.isNaN(at.getTime())) return { ok: false, message: 'expiresAt must be an ISO 8601 date-time', field: 'expiresAt' };
    if (at.getTime() <= now.getTime()) return { ok: false, message: 'expiresAt must be in the future', field: 'expiresAt' };
    if (at.getTime() > latest) return { ok: false, message: `a token may live at most ${lifetimes.maxDays} days`, field: 'expiresAt' };
    return { ok: true, expiresAt: at };
  }
  const days = request.expiresInDays ?? lifetimes.defaultDays;
  if (days > lifetimes.maxDays) return { ok: false, message: `a token may live at most ${lifetimes.maxDays} days`, field: 'expiresInDays' };
  return { ok: true, expiresAt: new Date(now.getTime() + days * DAY_MS) };
}

/** The old token's new expiry after a rotation: the overlap from now, never later than it already was. */
export function expiryAfterRotation(current: Date, now: Date, overlapMs: number): Date {
  return new Date(Math.min(current.getTime(), now.getTime() + overlapMs));
}

export type ApiTokenStatus = 'active' | 'expired' | 'revoked';

/** Revoked wins over expired: it says someone ended it on purpose. */
export function apiTokenStatus(token: { revokedAt: Date | null; expiresAt: Date }, now: Date): ApiTokenStatus {
  if (token.revokedAt) return 'revoked';
  if (now.getTime() >= token.expiresAt.getTime()) return 'expired';
  return 'active';
}

/** Whether this request should record itself as the token's last use. */
export function lastUseIsStale(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= LAST_USED_WRITE_INTERVAL_MS;
}
