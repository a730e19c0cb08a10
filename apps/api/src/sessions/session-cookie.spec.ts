import { clearedSessionCookie, sessionCookie, sessionCookieIsSecure } from './session-cookie';

describe('session cookie', () => {
  it('is Secure outside plain-http local use', () => {
    expect(sessionCookieIsSecure('https://gov.example')).toBe(true);
    expect(sessionCookieIsSecure('http://gov.example')).toBe(true);
    expect(sessionCookieIsSecure('http://10.0.0.5:3000')).toBe(true);
    expect(sessionCookieIsSecure('https://localhost:3000')).toBe(true);
    expect(sessionCookieIsSecure('http://localhost:3000')).toBe(false);
    expect(sessionCookieIsSecure('http://127.0.0.1:3000')).toBe(false);
    expect(sessionCookieIsSecure('http://[::1]:3000')).toBe(false);
  });

  it('is HttpOnly, SameSite=Lax, for the whole site, and lives as long as the session', () => {
    expect(sessionCookie({ publicBaseUrl: 'https://gov.example' }, 'tok', 12 * 3600_000)).toBe(
      'aigov_session=tok; Path=/; Max-Age=43200; HttpOnly; Secure; SameSite=Lax',
    );
    expect(sessionCookie({ publicBaseUrl: 'http://127.0.0.1:3000' }, 'tok', 1500)).toBe('aigov_session=tok; Path=/; Max-Age=1; HttpOnly; SameSite=Lax');
  });

  it('is cleared with the same name, path and flags', () => {
    expect(clearedSessionCookie({ publicBaseUrl: 'https://gov.example' })).toBe(
      'aigov_session=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax',
    );
  });
});
