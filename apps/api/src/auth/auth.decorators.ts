import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { ACCESS_POLICY, isRoleOnlyAction, RoleOnlyAccessAction } from '@aigov/domain/access/access';
import type { Principal, UserPrincipal } from './principal';
import type { RequestAuth } from './request-auth';

export const PUBLIC_ROUTE = 'aigov:public';
export const REQUIRED_ACTION = 'aigov:action';
export const BOOTSTRAP_ADMIN_ALLOWED = 'aigov:bootstrap-admin';
export const CHANGES_NOTHING = 'aigov:changes-nothing';

/** No caller needed (health, emailed links: the link is the credential). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The caller must be allowed this action by the access policy (roles only: the guard checks
 * it before the body is read). Actions that depend on the resource are decided in the service.
 */
export const Allow = (action: RoleOnlyAccessAction) => {
  if (!isRoleOnlyAction(action)) throw new Error(`@Allow('${action}'): the action depends on the resource; decide it in the service`);
  const rule = ACCESS_POLICY[action];
  return applyDecorators(
    SetMetadata(REQUIRED_ACTION, action),
    ApiForbiddenResponse({ description: `Needs one of the roles: ${rule.roles.join(', ')} (access policy action \`${action}\`)` }),
  );
};

/**
 * A POST that reads and changes nothing (the Temporal codec endpoint: the Temporal UI calls it
 * cross-origin with the session cookie and cannot send our CSRF header). It needs no CSRF token:
 * a forged cross-site request changes nothing, and its answer goes only to origins CORS admits.
 * Authentication and the route's access rule apply as to any other route.
 */
export const ChangesNothing = () => SetMetadata(CHANGES_NOTHING, true);

/**
 * A gateway's machine token (`aigw_...`) may call this route (only POST /authorize); on every
 * other route the guard refuses it with 403 before anything runs. People still need their own
 * access rule on it, checked in the service.
 */
export const GATEWAY_ALLOWED = 'aigov:gateway-allowed';
export const AllowGateway = () => SetMetadata(GATEWAY_ALLOWED, true);

/** The ADMIN_TOKEN may call this route while no active admin exists (only POST /users, to create the first admin). */
export const AllowBootstrapAdmin = () => SetMetadata(BOOTSTRAP_ADMIN_ALLOWED, true);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});

/** The signed-in person; routes using it never admit the bootstrap admin (the guard ensures that). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): UserPrincipal => {
  return ctx.switchToHttp().getRequest<{ principal: UserPrincipal }>().principal;
});

/** How the request was authenticated (session cookie or bearer token), as the guard found it. */
export const CurrentAuth = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestAuth => {
  return ctx.switchToHttp().getRequest<{ auth: RequestAuth }>().auth;
});
