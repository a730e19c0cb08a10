import { createHash } from 'node:crypto';
import { canonicalJson } from '@aigov/persistence/audit-chain';

/**
 * What an Idempotency-Key is bound to besides its caller: the method, the path with its query,
 * and the body in canonical JSON (keys sorted), so the same request with its keys in another
 * order is the same request, and any other change is a different one. The body has passed the
 * structure bounds (body-bounds.ts) before this runs, so the canonical form's recursion is shallow.
 */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()}\n${url}\n`)
    .update(body === undefined ? '' : canonicalJson(body))
    .digest('hex');
}
