import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a cookie-authenticated write must carry. */
export const CSRF_HEADER = 'x-csrf-token';

/** Methods that must not change anything, so they need no CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/**
 * The CSRF token of a session, derived by HMAC from the session's own secret (the cookie's
 * token): nothing more to store, it cannot be computed from the stored hash, and another site
 * cannot read it (the cookie is HttpOnly and GET /auth/session answers only same-origin script).
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('aigov-csrf-v1').digest('base64url');
}

/** Whether the header's value is the session's CSRF token, compared in constant time. */
export function csrfTokenMatches(sessionToken: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
