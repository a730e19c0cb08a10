import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { clearedSessionCookie } from '../sessions/session-cookie';
import { SessionsService } from '../sessions/sessions.service';
import { ProviderSignOut } from '../sso/provider-sign-out';
import { CurrentAuth, CurrentUser, Public } from './auth.decorators';
import { SessionView } from './dto/session.view';
import { SignedOutView } from './dto/signed-out.view';
import { SignInLinkAcceptedView, SignInLinkRequestDto } from './dto/sign-in-link-request.dto';
import type { UserPrincipal } from './principal';
import type { RequestAuth } from './request-auth';
import { SIGN_IN_LINK_RATE_LIMIT, SignInLinksService } from './sign-in-links.service';
import { RateLimit } from '../rate-limit/rate-limit.decorator';

const ACCEPTED = 'If this address belongs to an active account, a sign-in link is on its way.';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly links: SignInLinksService,
    private readonly sessions: SessionsService,
    private readonly providerSignOut: ProviderSignOut,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('sign-in-links')
  @Public()
  // Per client and per address: nobody floods an inbox or the mail relay (the service also caps links per person).
  @RateLimit({ name: 'sign_in', by: 'ip' }, { name: 'sign_in_email', by: 'email' })
  @HttpCode(202)
  @ApiOperation({
    summary: 'Email me a sign-in link',
    description:
      'Always 202 with the same message, whether or not the address has an account (no account enumeration). An active ' +
      `person gets a single-use link, valid for a few minutes, to /auth/sign-in/{token}; at most ${SIGN_IN_LINK_RATE_LIMIT.links} ` +
      `links per person every ${SIGN_IN_LINK_RATE_LIMIT.windowMs / 60_000} minutes, beyond which nothing is sent.`,
  })
  @ApiAcceptedResponse({ type: SignInLinkAcceptedView })
  async requestLink(@Body() dto: SignInLinkRequestDto): Promise<SignInLinkAcceptedView> {
    await this.links.request(dto.email, dto.returnTo);
    return { message: ACCEPTED };
  }

  @Get('session')
  @ApiBearerAuth()
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Who is signed in, the CSRF token for writes, and when the session ends (401 when not signed in)' })
  @ApiOkResponse({ type: SessionView })
  session(@CurrentUser() me: UserPrincipal, @CurrentAuth() auth: RequestAuth): SessionView {
    const user = { id: me.id, email: me.email, name: me.name, roles: [...me.roles] };
    if (auth.via !== 'session') return { user, csrfToken: null, expiresAt: null, idleExpiresAt: null, via: 'token' };
    return {
      user,
      csrfToken: auth.csrfToken,
      expiresAt: auth.session.expiresAt.toISOString(),
      idleExpiresAt: this.sessions.idleExpiresAt(auth.session).toISOString(),
      via: 'session',
    };
  }

  @Post('sign-out')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiCookieAuth()
  @ApiOperation({
    summary:
      "Sign out: ends the session and clears its cookie (with a bearer token there is no session: nothing to end); for a single sign-on session, also where to end the identity provider's session",
  })
  @ApiOkResponse({ type: SignedOutView })
  async signOut(@CurrentUser() me: UserPrincipal, @CurrentAuth() auth: RequestAuth, @Res({ passthrough: true }) reply: FastifyReply): Promise<SignedOutView> {
    void reply.header('set-cookie', clearedSessionCookie(this.config));
    if (auth.via !== 'session') return { providerSignOutUrl: null, providerUnreachable: false };
    await this.sessions.signOut(auth.session, me);
    const provider = await this.providerSignOut.after(auth.session);
    return { providerSignOutUrl: provider.url, providerUnreachable: provider.unreachable };
  }
}
