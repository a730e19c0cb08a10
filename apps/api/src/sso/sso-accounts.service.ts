import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import type { OidcConfig } from '@aigov/config/oidc-config';
import { Clock } from '@aigov/config/clock';
import type { UserRole } from '@aigov/domain/governance-policy.types';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { OidcIdentityEntity, SessionEntity, UserEntity } from '@aigov/persistence/entities';
import { forbidden } from '../common/api-error';
import type { UserPrincipal } from '../auth/principal';
import { SessionsService } from '../sessions/sessions.service';
import { OidcIdentityClaims, rolesOf } from './oidc-claims';

/** The refusals people and API clients see; one wording for the browser sign-in and for bearer tokens. */
export const SSO_REFUSAL = {
  deactivated: 'this user is deactivated',
  noRole: (claim: string) =>
    `your groups at the identity provider (claim '${claim}') give no role in AI Governance; ask an administrator to add you to a group that does`,
  noEmail: "the identity provider sent no email address (claim 'email'); the sign-in needs one",
  unverifiedEmail: 'the identity provider has not verified your email address, so it cannot name you here',
  linkedElsewhere: 'this email address already belongs to a person here who signs in with another single sign-on account',
  unknownPerson: 'no person here matches this token (its subject has never signed in with single sign-on, and it names no known verified email); sign in once in the web application, or ask an administrator to add you',
} as const;

const sameRoles = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * People who sign in with the OpenID Provider. A person is found by the provider's issuer and
 * subject (which the provider never reassigns), else, at their first single sign-on, by the
 * verified email an administrator created them with; otherwise they are created. Their roles
 * follow the provider's groups at every sign-in. Every refusal comes before the first write.
 */
@Injectable()
export class SsoAccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get oidc(): OidcConfig {
    if (!this.config.oidc) throw new Error('single sign-on is not configured');
    return this.config.oidc;
  }

  /**
   * A browser sign-in the provider vouched for: the person (created or updated) and a new
   * session, which keeps the provider's ID token for ending its session at sign-out.
   */
  async signIn(identity: OidcIdentityClaims, previousSessionToken: string | undefined, idToken: string): Promise<{ session: SessionEntity; token: string }> {
    const roles = rolesOf(this.oidc, identity);
    if (roles.length === 0) throw forbidden(SSO_REFUSAL.noRole(this.oidc.groupsClaim));
    if (!identity.email) throw forbidden(SSO_REFUSAL.noEmail);
    if (this.oidc.requireVerifiedEmail && !identity.emailVerified) throw forbidden(SSO_REFUSAL.unverifiedEmail);
    const email = identity.email;
    try {
      return await this.signInOnce(identity, email, roles, previousSessionToken, idToken);
    } catch (error) {
      // Two first sign-ins of one person at once (two tabs): the loser's insert meets the
      // winner's row under a unique constraint; once more finds that row.
      if (error instanceof QueryFailedError && (error as QueryFailedError & { code?: string }).code === '23505') {
        return this.signInOnce(identity, email, roles, previousSessionToken, idToken);
      }
      throw error;
    }
  }

  private async signInOnce(
    identity: OidcIdentityClaims,
    email: string,
    roles: UserRole[],
    previousSessionToken: string | undefined,
    idToken: string,
  ): Promise<{ session: SessionEntity; token: string }> {
    return this.dataSource.transaction(async (tx) => {
      const now = this.clock.now();
      const linked = await tx.findOne(OidcIdentityEntity, { where: { issuer: identity.issuer, subject: identity.subject }, lock: { mode: 'pessimistic_write' } });
      let user = linked
        ? await tx.findOne(UserEntity, { where: { id: linked.userId }, lock: { mode: 'pessimistic_write' } })
        : await tx.findOne(UserEntity, { where: { email }, lock: { mode: 'pessimistic_write' } });
      if (user && !user.active) throw forbidden(SSO_REFUSAL.deactivated);
      if (user && !linked && (await tx.exists(OidcIdentityEntity, { where: { userId: user.id, issuer: identity.issuer } }))) {
        // The address is someone's who already signs in as another subject: not this account.
        throw forbidden(SSO_REFUSAL.linkedElsewhere);
      }

      if (!user) {
        user = await this.createPerson(tx, identity, email, roles, now);
      } else if (!sameRoles(user.roles, roles)) {
        await tx.update(UserEntity, { id: user.id }, { roles });
        await appendNextAuditEvent(tx, {
          streamId: `user:${user.id}`,
          eventType: 'user.updated',
          actorId: user.id,
          actorLabel: user.email,
          payload: { roles, previousRoles: user.roles, source: 'oidc_groups', issuer: identity.issuer },
          occurredAt: now,
        });
        user.roles = roles;
      }

      if (linked) {
        await tx.update(OidcIdentityEntity, { id: linked.id }, { lastSignInAt: now });
      } else {
        await tx.insert(OidcIdentityEntity, { id: randomUUID(), userId: user.id, issuer: identity.issuer, subject: identity.subject, createdAt: now, lastSignInAt: now });
        await appendNextAuditEvent(tx, {
          streamId: `user:${user.id}`,
          eventType: 'user.sso_linked',
          actorId: user.id,
          actorLabel: user.email,
          payload: { issuer: identity.issuer, subject: identity.subject },
          occurredAt: now,
        });
      }
      if (previousSessionToken) await this.sessions.endByToken(tx, previousSessionToken, 'replaced');
      // Writes the person's 'user.signed_in' audit event, with method 'oidc'.
      return this.sessions.start(tx, user, 'oidc', null, idToken);
    });
  }

  /**
   * The caller a verified bearer JWT names: the person linked to its subject, else the person
   * with its (verified) email. Roles come from the token's groups, as the provider grants them
   * now. Reads only: an API client's token never creates or changes a person.
   */
  async principalForToken(identity: OidcIdentityClaims): Promise<UserPrincipal> {
    const m = this.dataSource.manager;
    const linked = await m.findOne(OidcIdentityEntity, { where: { issuer: identity.issuer, subject: identity.subject } });
    let user = linked ? await m.findOne(UserEntity, { where: { id: linked.userId } }) : null;
    if (!user && identity.email && (identity.emailVerified || !this.oidc.requireVerifiedEmail)) {
      user = await m.findOne(UserEntity, { where: { email: identity.email } });
      // As at sign-in: an address whose person signs in as another subject here is not this account's.
      if (user && (await m.exists(OidcIdentityEntity, { where: { userId: user.id, issuer: identity.issuer } }))) throw forbidden(SSO_REFUSAL.linkedElsewhere);
    }
    if (!user) throw forbidden(SSO_REFUSAL.unknownPerson);
    if (!user.active) throw forbidden(SSO_REFUSAL.deactivated);
    const roles = rolesOf(this.oidc, identity);
    if (roles.length === 0) throw forbidden(SSO_REFUSAL.noRole(this.oidc.groupsClaim));
    return { kind: 'user', id: user.id, email: user.email, name: user.name, roles: new Set(roles) };
  }

  private async createPerson(tx: EntityManager, identity: OidcIdentityClaims, email: string, roles: UserRole[], now: Date): Promise<UserEntity> {
    const user = tx.create(UserEntity, {
      id: randomUUID(),
      email,
      name: identity.name ?? email.split('@')[0],
      roles,
      managerId: null,
      outOfOfficeDelegateId: null,
      active: true,
      createdAt: now,
    });
    await tx.insert(UserEntity, user);
    await appendNextAuditEvent(tx, {
      streamId: `user:${user.id}`,
      eventType: 'user.created',
      actorId: user.id,
      actorLabel: email,
      payload: { email, roles, managerId: null, outOfOfficeDelegateId: null, via: 'oidc', issuer: identity.issuer, subject: identity.subject },
      occurredAt: now,
    });
    return user;
  }
}
