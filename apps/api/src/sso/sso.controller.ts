import { Controller, Get, Headers, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { Clock } from '@aigov/config/clock';
import { ApiError, badRequest, notFound } from '../common/api-error';
import { respondWithPage } from '../common/page-response';
import { Public } from '../auth/auth.decorators';
import { RateLimit } from '../rate-limit/rate-limit.decorator';
import { parseCookieHeader } from '../auth/cookie-header';
import { sanitiseReturnTo } from '../auth/return-to';
import { SESSION_COOKIE, sessionCookie } from '../sessions/session-cookie';
import { identityClaims } from './oidc-claims';
import { OidcProviderClient } from './oidc-provider-client';
import {
  clearedSignInTransactionCookie,
  SIGN_IN_TRANSACTION_COOKIE,
  SIGN_IN_TRANSACTION_TTL_MS,
  SignInTransactionSealer,
  signInTransactionCookie,
} from './sign-in-transaction';
import { SsoAccountsService } from './sso-accounts.service';
import { renderSsoError } from './sso-page.template';

/**
 * The browser's single sign-on: /auth/oidc/start sends it to the provider (authorization code
 * flow with PKCE, state and nonce kept in a sealed cookie), /auth/oidc/callback takes the
 * provider's answer, checks it against that cookie and signs in with the same session cookie an
 * emailed link gives. Outside /api/v1: the browser navigates here. Errors are pages for
 * browsers and the usual JSON for clients asking for it.
 */
@ApiExcludeController()
@Public()
// Reached without signing in, like the emailed sign-in link: the same per-address limit.
@RateLimit({ name: 'sign_in', by: 'ip' })
@Controller('auth/oidc')
export class SsoController {
  private readonly sealer: SignInTransactionSealer;

  constructor(
    private readonly provider: OidcProviderClient,
    private readonly accounts: SsoAccountsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.sealer = new SignInTransactionSealer(config.actionLinkSecret);
  }

  /**
   * A GET because the sign-in page links here (the page's Content-Security-Policy allows forms
   * to post only to this origin, and a form's redirect to the provider would be refused). It
   * writes nothing on the server: the attempt lives in the browser's cookie.
   */
  @Get('start')
  async start(@Query('returnTo') returnTo: unknown, @Headers('accept') accept: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    await respondWithPage(reply, accept, renderSsoError, async () => {
      this.requireConfigured();
      const transaction = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        returnTo: sanitiseReturnTo(returnTo),
        expiresAt: this.clock.now().getTime() + SIGN_IN_TRANSACTION_TTL_MS,
      };
      const url = await this.provider.authorizationUrl(transaction);
      void reply.status(303).header('set-cookie', signInTransactionCookie(this.config, this.sealer.seal(transaction))).header('location', url.href).send();
    });
  }

  /** Where the provider sends the browser back; one attempt, used once whatever the outcome. */
  @Get('callback')
  async callback(
    @Req() request: FastifyRequest,
    @Query('error') providerError: unknown,
    @Query('error_description') providerErrorDescription: unknown,
    @Headers('cookie') cookie: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    void reply.header('set-cookie', clearedSignInTransactionCookie(this.config));
    await respondWithPage(reply, accept, renderSsoError, async () => {
      this.requireConfigured();
      const cookies = parseCookieHeader(cookie);
      const transaction = this.sealer.open(cookies.get(SIGN_IN_TRANSACTION_COOKIE), this.clock.now());
      if (!transaction) throw badRequest('this single sign-on attempt is unknown or has expired; start again from the sign-in page');
      if (typeof providerError === 'string') {
        const detail = typeof providerErrorDescription === 'string' ? `: ${providerErrorDescription}` : '';
        throw new ApiError(401, `the identity provider did not sign you in (${providerError}${detail})`);
      }
      // The library checks the answer against the registered redirect URI, whatever host or proxy the request came through.
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const callbackUrl = new URL(`${this.config.oidc!.redirectUri}${query}`);
      const { claims, idToken } = await this.provider.redeem(callbackUrl, transaction);
      const signedIn = await this.accounts.signIn(identityClaims(this.config.oidc!, claims), cookies.get(SESSION_COOKIE), idToken);
      void reply
        .status(303)
        .header('set-cookie', [clearedSignInTransactionCookie(this.config), sessionCookie(this.config, signedIn.token, this.config.sessionAbsoluteTtlMs)])
        .header('location', transaction.returnTo)
        .send();
    });
  }

  private requireConfigured(): void {
    if (!this.config.oidc) throw notFound('single sign-on is not configured on this server; sign in with an emailed link');
  }
}
