import { Inject, Injectable, Logger } from '@nestjs/common';
import { errors, jwtVerify } from 'jose';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { ApiError, unauthorized } from '../common/api-error';
import type { UserPrincipal } from '../auth/principal';
import { identityClaims } from './oidc-claims';
import { OidcProviderClient } from './oidc-provider-client';
import { SsoAccountsService } from './sso-accounts.service';

/** One answer for every token that does not verify: the reason goes to the log, not to whoever holds the token. */
export const INVALID_JWT = 'the bearer token is not valid';

/**
 * API clients' `Authorization: Bearer <JWT>`: an access token from the OpenID Provider, checked
 * with jose against the provider's published keys: signature, issuer, audience (OIDC_AUDIENCE),
 * expiry and not-before (with OIDC_CLOCK_TOLERANCE_SECONDS of leeway), and the algorithm
 * against the allow-list. The allow-list holds asymmetric algorithms only, so `alg: none` and
 * an HS256 token "signed" with the provider's public key are refused before any key is chosen.
 * Refusals are 401 and write nothing.
 */
@Injectable()
export class JwtBearerAuthenticator {
  private readonly logger = new Logger('JwtBearer');

  constructor(
    private readonly provider: OidcProviderClient,
    private readonly accounts: SsoAccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async authenticate(token: string): Promise<UserPrincipal> {
    const settings = this.config.oidc;
    if (!settings?.audience) throw unauthorized(`${INVALID_JWT} (this server accepts no JWT bearer tokens: single sign-on for API clients is not configured)`);
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, await this.provider.signingKeys(), {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: [...settings.allowedAlgs],
        clockTolerance: settings.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (error instanceof errors.JWKSTimeout || (error instanceof TypeError && !(error instanceof errors.JOSEError))) {
        this.logger.warn(`the provider's keys could not be fetched: ${(error as Error).message}`);
        throw new ApiError(503, "the identity provider's signing keys cannot be fetched; try again in a moment");
      }
      const e = error as Error & { code?: string };
      this.logger.log(`bearer JWT refused: ${e.code ?? e.name}: ${e.message}`);
      throw unauthorized(INVALID_JWT);
    }
    return this.accounts.principalForToken(identityClaims(settings, payload));
  }
}
