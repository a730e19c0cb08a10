import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { UserRole } from '@aigov/domain/governance-policy.types';
import type { Principal, UserPrincipal } from './principal';

export const PUBLIC_ROUTE = 'aigov:public';
export const REQUIRED_ROLES = 'aigov:roles';
export const BOOTSTRAP_ADMIN_ALLOWED = 'aigov:bootstrap-admin';

/** No bearer token needed (health, emailed action links: the link is the credential). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The caller needs at least one of these roles. */
export const Roles = (...roles: UserRole[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The ADMIN_TOKEN may call this route (user management only). */
export const AllowBootstrapAdmin = () => SetMetadata(BOOTSTRAP_ADMIN_ALLOWED, true);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});

/** The signed-in person; routes using it never admit the bootstrap admin (the guard ensures that). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): UserPrincipal => {
  return ctx.switchToHttp().getRequest<{ principal: UserPrincipal }>().principal;
});
