import { createHash } from 'node:crypto';

/** Personal API tokens are stored as their SHA-256, so the database never holds a usable token. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
