import type { AppConfig } from '@aigov/config/app-config';
import { serializeCookie } from '../auth/cookie-header';

/** The browser session's cookie: an opaque random token whose SHA-256 names the session row. */
export const SESSION_COOKIE = 'aigov_session';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Secure everywhere except plain-http local use (`npm start` on http://127.0.0.1 or localhost),
 * where there is no TLS to require.
 */
export function sessionCookieIsSecure(publicBaseUrl: string): boolean {
  const url = new URL(publicBaseUrl);
  return !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
}

type CookieConfig = Pick<AppConfig, 'publicBaseUrl'>;

/**
 * HttpOnly (script cannot read it), SameSite=Lax (other sites' forms and fetches do not carry
 * it), Path=/ (the application and the API share it), and it lives no longer than the session.
 */
export function sessionCookie(config: CookieConfig, token: string, maxAgeMs: number): string {
  return serializeCookie(SESSION_COOKIE, token, {
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
    httpOnly: true,
    secure: sessionCookieIsSecure(config.publicBaseUrl),
    sameSite: 'Lax',
  });
}

/** Tells the browser to drop the session cookie (signed out, or the session is over). */
export function clearedSessionCookie(config: CookieConfig): string {
  return serializeCookie(SESSION_COOKIE, '', { path: '/', maxAge: 0, httpOnly: true, secure: sessionCookieIsSecure(config.publicBaseUrl), sameSite: 'Lax' });
}
