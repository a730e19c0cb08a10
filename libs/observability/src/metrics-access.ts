import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a scrape may read /metrics: with METRICS_TOKEN set, only with `Authorization: Bearer
 * <token>` (compared in constant time); without it, never (the API answers 404). The figures are
 * not secret in the way a token is, but counts of open approvals and route latencies tell an
 * outsider what the organisation is doing; the worker's server listens on loopback instead.
 */
export function metricsScrapeAllowed(authorization: string | undefined, token: string | null): boolean {
  if (!token || !authorization) return false;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) return false;
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}
