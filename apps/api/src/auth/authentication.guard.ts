import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { decide, RoleOnlyAccessAction } from '@aigov/domain/access/access';
import type { UserRole } from '@aigov/domain/governance-policy.types';
import { UserEntity } from '@aigov/persistence/entities';
import { forbidden, unauthorized } from '../common/api-error';
import { BOOTSTRAP_ADMIN_ALLOWED, PUBLIC_ROUTE, REQUIRED_ACTION } from './auth.decorators';
import type { Principal } from './principal';

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/**
 * Every route needs a bearer token unless marked @Public(). Personal tokens are looked up by
 * their SHA-256, so the database never holds a usable token.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('a bearer token is required (Authorization: Bearer <token>)');
    const token = match[1];

    if (sameSecret(token, this.config.adminToken)) {
      if (!this.reflector.getAllAndOverride<boolean>(BOOTSTRAP_ADMIN_ALLOWED, targets)) {
        throw forbidden('the bootstrap admin token can only manage users; use a personal token');
      }
      request.principal = { kind: 'bootstrap_admin' };
      return true;
    }

    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { tokenHash: hashApiToken(token) } });
    if (!user) throw unauthorized('the bearer token is not valid');
    if (!user.active) throw forbidden('this user is deactivated');
    const principal = { kind: 'user' as const, id: user.id, email: user.email, name: user.name, roles: new Set(user.roles as UserRole[]) };
    request.principal = principal;

    const action = this.reflector.getAllAndOverride<RoleOnlyAccessAction | undefined>(REQUIRED_ACTION, targets);
    const decision = action ? decide(principal, action) : { allowed: true as const };
    if (!decision.allowed) throw forbidden(decision.reason, decision.field);
    return true;
  }
}
