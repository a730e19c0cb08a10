import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { createRemoteJWKSet } from 'jose';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import type { OidcConfig } from '@aigov/config/oidc-config';
import { ApiError } from '../common/api-error';
import type { SignInTransaction } from './sign-in-transaction';

/** How long one request to the provider (discovery, token, userinfo) may take. */
const PROVIDER_TIMEOUT_SECONDS = 10;

export type RemoteJwks = ReturnType<typeof createRemoteJWKSet>;

/**
 * The OpenID Provider as this relying party sees it, through openid-client (a certified
 * relying-party library): its discovery document, fetched on first use and kept (the provider
 * being down must not stop the API from starting, and a failed discovery is tried again on the
 * next sign-in), the authorization request, the code exchange with every check the library
 * makes (state, PKCE verifier, the ID token's issuer, audience, expiry, nonce), and the
 * provider's signing keys for bearer tokens (jose's remote key set, which refetches on an
 * unknown key id, no more than once every 30 s).
 */
@Injectable()
export class OidcProviderClient {
  private readonly logger = new Logger('OidcProvider');
  private discovered: Promise<oidc.Configuration> | undefined;
  private keys: RemoteJwks | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get settings(): OidcConfig {
    if (!this.config.oidc) throw new Error('single sign-on is not configured');
    return this.config.oidc;
  }

  /** The authorization request to send the browser to, for this attempt. */
  async authorizationUrl(transaction: SignInTransaction): Promise<URL> {
    const configuration = await this.configuration();
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      response_type: 'code',
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /**
   * Redeems the code the provider sent the browser back with and returns the person's claims:
   * the verified ID token's, completed from the userinfo endpoint when the ID token leaves out
   * the email or the groups (many providers put them only there), and the ID token itself (the
   * hint for ending the provider's session at sign-out). Throws an ApiError (401 for an answer
   * that does not check out, 503 when the provider cannot be reached).
   */
  async redeem(callbackUrl: URL, transaction: SignInTransaction): Promise<{ claims: Record<string, unknown>; idToken: string }> {
    const configuration = await this.configuration();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw this.providerError(error, 'the identity provider did not confirm the sign-in');
    }
    const idToken = tokens.claims();
    if (!idToken || !tokens.id_token) throw new ApiError(401, 'the identity provider sent no ID token');
    const claims: Record<string, unknown> = { ...idToken };
    const groupsClaim = this.settings.groupsClaim;
    if ((claims.email === undefined || claims[groupsClaim] === undefined) && configuration.serverMetadata().userinfo_endpoint) {
      try {
        // The library checks that the userinfo's subject is the ID token's.
        const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
        for (const [name, value] of Object.entries(userinfo)) if (claims[name] === undefined) claims[name] = value;
      } catch (error) {
        throw this.providerError(error, 'the identity provider did not give the account details');
      }
    }
    return { claims, idToken: tokens.id_token };
  }

  /**
   * Where to send the browser so the provider ends its own session too (OpenID Connect
   * RP-Initiated Logout 1.0): its end_session_endpoint with the ID token of the sign-in as the
   * hint, our client id, and where to come back to afterwards (registered at the provider). null
   * when the provider offers no such endpoint; an ApiError 503 when it cannot be reached.
   */
  async endSessionUrl(idTokenHint: string | null): Promise<URL | null> {
    const configuration = await this.configuration();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(configuration, {
      post_logout_redirect_uri: this.settings.postLogoutRedirectUri,
      ...(idTokenHint ? { id_token_hint: idTokenHint } : {}),
    });
  }

  /** The provider's signing keys (from its discovery document's jwks_uri), for bearer JWTs. */
  async signingKeys(): Promise<RemoteJwks> {
    if (this.keys) return this.keys;
    const jwksUri = (await this.configuration()).serverMetadata().jwks_uri;
    if (!jwksUri) throw new ApiError(503, 'the identity provider publishes no signing keys (jwks_uri)');
    this.keys ??= createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: PROVIDER_TIMEOUT_SECONDS * 1000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    return this.keys;
  }

  private configuration(): Promise<oidc.Configuration> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = undefined;
      throw error;
    });
    return this.discovered;
  }

  private async discover(): Promise<oidc.Configuration> {
    const s = this.settings;
    const issuer = new URL(s.issuer);
    const metadata: Partial<oidc.ClientMetadata> = { [oidc.clockTolerance]: s.clockToleranceSeconds };
    const auth = s.clientSecret ? oidc.ClientSecretBasic(s.clientSecret) : oidc.None();
    // The configuration admits http only for a provider on loopback (tests, local development).
    const execute = issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
    try {
      const configuration = await oidc.discovery(issuer, s.clientId, metadata, auth, { execute, timeout: PROVIDER_TIMEOUT_SECONDS });
      configuration.timeout = PROVIDER_TIMEOUT_SECONDS;
      return configuration;
    } catch (error) {
      this.logger.warn(`discovery at ${s.issuer} failed: ${(error as Error).message}`);
      throw new ApiError(503, 'the identity provider cannot be reached; try again in a moment');
    }
  }

  /** A protocol refusal is the caller's 401; a network failure or a server error is our 503. */
  private providerError(error: unknown, what: string): ApiError {
    if (error instanceof ApiError) return error;
    const e = error as Error & { code?: string; error?: string; error_description?: string; status?: number };
    this.logger.warn(`${what}: ${e.name} ${e.code ?? ''} ${e.message}`);
    if (e instanceof oidc.ResponseBodyError) return new ApiError(401, `${what}: ${e.error}${e.error_description ? ` (${e.error_description})` : ''}`);
    if (e instanceof TypeError || e.name === 'TimeoutError' || e.name === 'AbortError' || (typeof e.status === 'number' && e.status >= 500)) {
      return new ApiError(503, 'the identity provider cannot be reached; try again in a moment');
    }
    return new ApiError(401, `${what}: ${e.message}`);
  }
}
