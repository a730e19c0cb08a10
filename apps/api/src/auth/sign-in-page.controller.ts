import { Controller, Get, Headers, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { forbidden, notFound } from '../common/api-error';
import { respondWithPage } from '../common/page-response';
import { PAGE_STYLESHEET, PAGE_STYLESHEET_FILE, PAGE_STYLESHEET_VERSION } from '../common/server-page';
import { SESSION_COOKIE, sessionCookie } from '../sessions/session-cookie';
import { Public } from './auth.decorators';
import { parseCookieHeader } from './cookie-header';
import { sanitiseReturnTo } from './return-to';
import { renderSignInConfirmation, renderSignInError } from './sign-in-page.template';
import { SignInLinksService } from './sign-in-links.service';
import { RateLimit } from '../rate-limit/rate-limit.decorator';

const HTML = 'text/html; charset=utf-8';

/** Where a form post may come from: this site's own page ('same-origin'), or a browser that does not say. */
const SAME_SITE_FETCH = new Set(['same-origin', 'none']);

/**
 * The pages behind emailed sign-in links and their stylesheet (outside /api/v1: people open
 * them in a browser). Errors are pages for browsers and the usual JSON for clients asking for it.
 */
@ApiExcludeController()
@Public()
@Controller('auth')
export class SignInPageController {
  constructor(
    private readonly links: SignInLinksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('sign-in/:token')
  @RateLimit({ name: 'sign_in', by: 'ip' })
  async page(@Param('token') token: string, @Headers('accept') accept: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    await respondWithPage(reply, accept, renderSignInError, async () => {
      const html = renderSignInConfirmation(await this.links.describe(token));
      void reply.status(200).header('content-type', HTML).send(html);
    });
  }

  /** Signs in: sets the session cookie and sends the browser on with 303 to returnTo (a path of this site, else "/"). */
  @Post('sign-in/:token')
  @RateLimit({ name: 'sign_in', by: 'ip' })
  async signIn(
    @Param('token') token: string,
    @Query('returnTo') returnTo: unknown,
    @Headers('cookie') cookie: string | undefined,
    @Headers('sec-fetch-site') fetchSite: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await respondWithPage(reply, accept, renderSignInError, async () => {
      // Another site's page posting a link of the attacker's own would sign the victim in as the attacker.
      if (fetchSite !== undefined && !SAME_SITE_FETCH.has(fetchSite)) {
        throw forbidden("a sign-in is confirmed on this site's own page", 'Sec-Fetch-Site');
      }
      const signedIn = await this.links.signIn(token, parseCookieHeader(cookie).get(SESSION_COOKIE));
      void reply
        .status(303)
        .header('set-cookie', sessionCookie(this.config, signedIn.token, this.config.sessionAbsoluteTtlMs))
        .header('location', sanitiseReturnTo(returnTo))
        .send();
    });
  }

  /** The pages' stylesheet; the versioned address its pages use may be cached for good. */
  @Get('assets/:file')
  asset(@Param('file') file: string, @Query('v') version: unknown, @Res() reply: FastifyReply): void {
    if (file !== PAGE_STYLESHEET_FILE) throw notFound(`no asset named ${file}`, 'file');
    void reply
      .status(200)
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', version === PAGE_STYLESHEET_VERSION ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(PAGE_STYLESHEET);
  }
}
