import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { AppConfig } from '@aigov/config/app-config';
import { serializeCookie } from '../auth/cookie-header';
import { sessionCookieIsSecure } from '../sessions/session-cookie';

/** The cookie that carries one single sign-on attempt from its start to the provider's callback. */
export const SIGN_IN_TRANSACTION_COOKIE = 'aigov_oidc';
/** Only the callback reads it. */
const COOKIE_PATH = '/auth/oidc';
/** Long enough to type a password and answer a second factor; short enough to be useless if stolen later. */
export const SIGN_IN_TRANSACTION_TTL_MS = 10 * 60_000;

/** What the callback checks the provider's answer against. */
export interface SignInTransaction {
  /** echoed back by the provider: the answer belongs to this browser's attempt (no login CSRF) */
  state: string;
  /** must be in the ID token: the token was issued for this attempt (no replay) */
  nonce: string;
  /** PKCE: only who started the attempt can redeem its code */
  codeVerifier: string;
  /** where to go once signed in (already sanitised) */
  returnTo: string;
  expiresAt: number;
}

/**
 * Kept in the browser rather than a table: nothing is written before the person has signed in
 * at the provider, and an abandoned attempt leaves nothing behind. Sealed with AES-256-GCM under
 * a key derived from ACTION_LINK_SECRET for this purpose alone: the browser can neither read
 * the PKCE verifier nor forge or alter an attempt (the tag covers it all), and the expiry inside
 * bounds it whatever the cookie's own Max-Age.
 */
export class SignInTransactionSealer {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'aigov-oidc-sign-in-transaction-v1', 32));
  }

  seal(transaction: SignInTransaction): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(transaction), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The attempt, or null if the value was not sealed here, was altered, or has expired. */
  open(value: string | undefined, now: Date): SignInTransaction | null {
    if (!value || !/^[A-Za-z0-9_-]{40,4096}$/.test(value)) return null;
    const raw = Buffer.from(value, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const parsed = JSON.parse(text) as SignInTransaction;
      if (typeof parsed.expiresAt !== 'number' || parsed.expiresAt <= now.getTime()) return null;
      return parsed;
    } catch {
      return null;
    }
  }
}

type CookieConfig = Pick<AppConfig, 'publicBaseUrl'>;

/**
 * HttpOnly, for /auth/oidc only, SameSite=Lax: the provider sends the browser back with a
 * top-level GET, which Lax cookies accompany; other sites' requests do not carry it.
 */
export function signInTransactionCookie(config: CookieConfig, sealed: string): string {
  return serializeCookie(SIGN_IN_TRANSACTION_COOKIE, sealed, {
    path: COOKIE_PATH,
    maxAge: SIGN_IN_TRANSACTION_TTL_MS / 1000,
    httpOnly: true,
    secure: sessionCookieIsSecure(config.publicBaseUrl),
    sameSite: 'Lax',
  });
}

/** Drops the attempt's cookie: an attempt is used once, whatever its outcome. */
export function clearedSignInTransactionCookie(config: CookieConfig): string {
  return serializeCookie(SIGN_IN_TRANSACTION_COOKIE, '', { path: COOKIE_PATH, maxAge: 0, httpOnly: true, secure: sessionCookieIsSecure(config.publicBaseUrl), sameSite: 'Lax' });
}
