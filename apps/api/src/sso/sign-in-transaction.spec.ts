import { clearedSignInTransactionCookie, SignInTransactionSealer, signInTransactionCookie } from './sign-in-transaction';

const transaction = { state: 'st', nonce: 'no', codeVerifier: 'verifier-verifier-verifier-verifier-verif', returnTo: '/inbox', expiresAt: Date.UTC(2026, 10, 30, 12, 10) };
const before = new Date(Date.UTC(2026, 10, 30, 12, 0));

describe('the single sign-on attempt cookie', () => {
  const sealer = new SignInTransactionSealer('a-secret-of-at-least-sixteen-chars');

  it('opens what it sealed, and hides the PKCE verifier from the browser', () => {
    const sealed = sealer.seal(transaction);
    expect(sealer.open(sealed, before)).toEqual(transaction);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('verifier');
  });

  it('refuses an expired, altered, foreign or garbled value', () => {
    const sealed = sealer.seal(transaction);
    expect(sealer.open(sealed, new Date(transaction.expiresAt))).toBeNull();
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1] ^= 1;
    expect(sealer.open(bytes.toString('base64url'), before)).toBeNull();
    expect(new SignInTransactionSealer('another-secret-of-sixteen-chars').open(sealed, before)).toBeNull();
    expect(sealer.open('not sealed', before)).toBeNull();
    expect(sealer.open(undefined, before)).toBeNull();
  });

  it('is HttpOnly, Lax, scoped to /auth/oidc and short-lived', () => {
    expect(signInTransactionCookie({ publicBaseUrl: 'https://gov.example' }, 'v')).toBe('aigov_oidc=v; Path=/auth/oidc; Max-Age=600; HttpOnly; Secure; SameSite=Lax');
    expect(clearedSignInTransactionCookie({ publicBaseUrl: 'http://127.0.0.1:3000' })).toBe(
      'aigov_oidc=; Path=/auth/oidc; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
    );
  });
});
