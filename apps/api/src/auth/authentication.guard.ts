import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { decide, RoleOnlyAccessAction } from '@aigov/domain/access/access';
import type { UserRole } from '@aigov/domain/governance-policy.types';
import { forbidden, unauthorized } from '../common/api-error';
import { clearedSessionCookie, SESSION_COOKIE } from '../sessions/session-cookie';
import { SessionsService } from '../sessions/sessions.service';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { GatewayTokensService } from '../gateway-tokens/gateway-tokens.service';
import { isGatewayToken } from '../gateway-tokens/gateway-token-secret';
import { activeAdminExists, BOOTSTRAP_ADMIN_SPENT } from './bootstrap-admin';
import { BOOTSTRAP_ADMIN_ALLOWED, CHANGES_NOTHING, GATEWAY_ALLOWED, PUBLIC_ROUTE, REQUIRED_ACTION } from './auth.decorators';
import { bearerTokenOf } from './bearer-token';
import { parseCookieHeader } from './cookie-header';
import { CSRF_HEADER, csrfTokenFor, csrfTokenMatches, isSafeMethod } from './csrf';
import { JwtBearerAuthenticator } from '../sso/jwt-bearer.authenticator';
import { isJwtShaped } from '../sso/oidc-claims';
import type { GatewayPrincipal, UserPrincipal } from './principal';
import type { AuthenticatedRequest } from './request-auth';

function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

const SESSION_OVER: Record<'unknown' | 'idle' | 'expired', string> = {
  unknown: 'your session is not valid or has ended; sign in again',
  idle: 'your session ended after a time without activity; sign in again',
  expired: 'your session reached its time limit; sign in again',
};

/**
 * Every route needs a caller unless marked @Public(): a bearer token if the request has an
 * Authorization header (scripts: personal tokens, looked up by their SHA-256; the bootstrap
 * admin token), else the browser's session cookie. Both give the same UserPrincipal, so every
 * access rule applies unchanged. A cookie-authenticated write must also carry the session's
 * CSRF token in X-CSRF-Token: another site can make a browser send the cookie, not the header.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly jwtBearer: JwtBearerAuthenticator,
    private readonly apiTokens: ApiTokensService,
    private readonly gatewayTokens: GatewayTokensService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const authorization = request.headers.authorization;
    const sessionToken = authorization === undefined ? parseCookieHeader(request.headers.cookie).get(SESSION_COOKIE) : undefined;
    const principal =
      sessionToken !== undefined
        ? await this.bySession(request, context.switchToHttp().getResponse<FastifyReply>(), sessionToken, this.reflector.getAllAndOverride<boolean>(CHANGES_NOTHING, targets) === true)
        : await this.byBearerToken(request, targets, typeof authorization === 'string' ? authorization : '');
    if (!principal) return true; // the bootstrap admin, on a route that admits it
    if (principal.kind === 'gateway') return true; // a gateway token, on the one route that admits it (POST /authorize)

    const action = this.reflector.getAllAndOverride<RoleOnlyAccessAction | undefined>(REQUIRED_ACTION, targets);
    const decision = action ? decide(principal, action) : { allowed: true as const };
    if (!decision.allowed) throw forbidden(decision.reason, decision.field);
    if (request.auth?.via === 'session') await this.sessions.touch(request.auth.session);
    return true;
  }

  /** The bearer token as before sessions existed; null for the bootstrap admin. */
  private async byBearerToken(
    request: AuthenticatedRequest,
    targets: Parameters<Reflector['getAllAndOverride']>[1],
    header: string,
  ): Promise<UserPrincipal | GatewayPrincipal | null> {
    const token = bearerTokenOf(header);
    if (token === undefined) throw unauthorized('sign in, or send a bearer token (Authorization: Bearer <token>)');
    request.auth = { via: 'token' };

    if (sameSecret(token, this.config.adminToken)) {
      // Spent once an active admin exists (bootstrap-admin.ts says why); until then, only POST /users.
      if (await activeAdminExists(this.dataSource.manager)) throw forbidden(BOOTSTRAP_ADMIN_SPENT);
      if (!this.reflector.getAllAndOverride<boolean>(BOOTSTRAP_ADMIN_ALLOWED, targets)) {
        throw forbidden('the bootstrap ADMIN_TOKEN can only create the first admin (POST /api/v1/users); nothing else');
      }
      request.principal = { kind: 'bootstrap_admin' };
      return null;
    }

    // A gateway's machine token: 401 when it does not work, 403 on any route but POST /authorize.
    // Checked before the route, so a revoked token learns nothing about the routes; nothing is written.
    if (isGatewayToken(token)) {
      const gateway = await this.gatewayTokens.authenticate(token);
      if (!this.reflector.getAllAndOverride<boolean>(GATEWAY_ALLOWED, targets)) {
        throw forbidden('a gateway token may call only POST /api/v1/authorize');
      }
      request.principal = gateway;
      return gateway;
    }

    // A JWT (three base64url segments) is an access token from the OpenID Provider, verified
    // against its keys (sso/jwt-bearer.authenticator.ts); personal tokens have no dots.
    if (isJwtShaped(token)) {
      const principal = await this.jwtBearer.authenticate(token);
      request.principal = principal;
      return principal;
    }

    // 401 for an unknown, expired or revoked token, 403 for a deactivated person; no cache.
    const user = await this.apiTokens.authenticate(token);
    const principal = { kind: 'user' as const, id: user.id, email: user.email, name: user.name, roles: new Set(user.roles as UserRole[]) };
    request.principal = principal;
    return principal;
  }

  /** The session cookie; a session that is over also has its cookie cleared in the answer. */
  private async bySession(request: AuthenticatedRequest, reply: FastifyReply, token: string, changesNothing: boolean): Promise<UserPrincipal> {
    const lookup = await this.sessions.resolve(token);
    if (!lookup.ok) {
      void reply.header('set-cookie', clearedSessionCookie(this.config));
      if (lookup.reason === 'deactivated') throw forbidden('this user is deactivated');
      throw unauthorized(SESSION_OVER[lookup.reason]);
    }
    if (!isSafeMethod(request.method) && !changesNothing && !csrfTokenMatches(token, request.headers[CSRF_HEADER])) {
      throw forbidden('a change made from a signed-in browser needs the X-CSRF-Token header (its value is in GET /api/v1/auth/session)', 'X-CSRF-Token');
    }
    const { user, session } = lookup;
    const principal = { kind: 'user' as const, id: user.id, email: user.email, name: user.name, roles: new Set(user.roles as UserRole[]) };
    request.principal = principal;
    request.auth = { via: 'session', session, csrfToken: csrfTokenFor(token) };
    return principal;
  }
}
