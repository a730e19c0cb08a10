import { createServer } from 'node:net';
import { Logger } from '@nestjs/common';
import { loadAppConfig } from '@aigov/config/app-config';
import { OidcProviderClient } from './oidc-provider-client';
import { ProviderSignOut } from './provider-sign-out';

/** A loopback port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * What signing out leaves to do at the provider, without a provider: the sessions it has nothing
 * to do for, and a provider that cannot be reached (a real refused connection). The provider's
 * real sign-out page is in test/integration/web/single-sign-on.integration-spec.ts.
 */
describe('ending the identity provider session at sign-out', () => {
  const env = (issuer: string, extra: Record<string, string> = {}) =>
    loadAppConfig({
      DATABASE_URL: 'postgres://localhost/test',
      PUBLIC_BASE_URL: 'https://gov.example',
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'aigov-web',
      OIDC_ROLE_MAP: 'admins=admin',
      ...extra,
    });
  const signOutWith = (config: ReturnType<typeof loadAppConfig>) => new ProviderSignOut(new OidcProviderClient(config), config);
  const oidcSession = { method: 'oidc' as const, idTokenHint: 'header.payload.signature' };

  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'warn', 'error']));

  it('has nothing to do for an emailed-link session, or with OIDC_END_PROVIDER_SESSION=false (and asks the provider nothing)', async () => {
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    expect(await signOutWith(env(unreachable)).after({ method: 'email_link', idTokenHint: null })).toEqual({ url: null, unreachable: false });
    expect(await signOutWith(env(unreachable, { OIDC_END_PROVIDER_SESSION: 'false' })).after(oidcSession)).toEqual({ url: null, unreachable: false });
  });

  it('says the provider could not be reached, rather than failing the sign-out, when its discovery fails', async () => {
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    expect(await signOutWith(env(unreachable)).after(oidcSession)).toEqual({ url: null, unreachable: true });
  });
});
