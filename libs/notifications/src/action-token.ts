import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Emailed action links carry `<tokenId>.<secret>.<signature>`. The signature (HMAC with the
 * server's link key) lets a tampered link be refused before any lookup; the database stores
 * only the SHA-256 of the secret part, so a leaked table cannot be turned back into links.
 */
export interface IssuedActionToken {
  id: string;
  token: string;
  tokenHash: string;
}

export type ParsedActionToken = { ok: true; id: string; tokenHash: string } | { ok: false; reason: 'malformed' | 'bad_signature' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function sign(key: string, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/**
 * A key of its own for each kind of emailed link (task decisions, sign-in), derived from the one
 * configured secret, so a link minted for one purpose never verifies for another.
 */
export function linkKeyFor(secret: string, purpose: 'sign-in'): string {
  return createHmac('sha256', secret).update(`aigov-link-key:${purpose}`).digest('base64url');
}

export function hashTokenSecret(secretPart: string): string {
  return createHash('sha256').update(secretPart).digest('hex');
}

export function issueActionToken(key: string, id: string = randomUUID()): IssuedActionToken {
  const secretPart = randomBytes(24).toString('base64url');
  const payload = `${id}.${secretPart}`;
  return { id, token: `${payload}.${sign(key, payload)}`, tokenHash: hashTokenSecret(secretPart) };
}

export function parseActionToken(key: string, token: string): ParsedActionToken {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3 || !UUID.test(parts[0]) || !/^[A-Za-z0-9_-]{16,64}$/.test(parts[1])) {
    return { ok: false, reason: 'malformed' };
  }
  const expected = Buffer.from(sign(key, `${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  return { ok: true, id: parts[0], tokenHash: hashTokenSecret(parts[1]) };
}
