import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull, LessThan, Or } from 'typeorm';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { Clock } from '@aigov/config/clock';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { ApiTokenEntity, ApiTokenRevokedReason, UserEntity } from '@aigov/persistence/entities';
import { hashApiToken } from '../auth/api-token';
import { requireAllowed } from '../auth/access';
import type { UserPrincipal } from '../auth/principal';
import { ApiError, badRequest, conflict, forbidden, notFound, unauthorized } from '../common/api-error';
import { apiTokenStatus, expiryAfterRotation, LAST_USED_WRITE_INTERVAL_MS, lastUseIsStale, TokenLifeRequest, tokenExpiry } from './api-token-lifetime';
import { IssuedApiTokenView, RotatedApiTokenView, toApiTokenView, ApiTokenView } from './dto/api-token.view';

/** How many tokens a person may hold that still work; beyond it, revoke one first (bounds what a leaked session can mint). */
export const MAX_LIVE_TOKENS_PER_PERSON = 20;
/** How many tokens one listing shows (live and ended, newest first). */
const LIST_LIMIT = 200;
/** The first characters of the secret kept in clear: "aigov_" and four of its 43 random characters. */
const PREFIX_LENGTH = 10;

/**
 * Personal API tokens: issued (the secret shown once, its SHA-256 stored), listed, rotated and
 * revoked, each change an audit event in the person's stream; and the bearer check the
 * authentication guard runs on every request, straight from the database (no cache, so a
 * revocation or deactivation holds from the next request on).
 */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The person a bearer token belongs to, or the 401 (unknown, expired, revoked) or 403
   * (deactivated person) that refuses it. A use is recorded at most once a minute per token.
   */
  async authenticate(secret: string): Promise<UserEntity> {
    const token = await this.dataSource.getRepository(ApiTokenEntity).findOne({ where: { tokenHash: hashApiToken(secret) }, relations: { user: true } });
    if (!token?.user) throw unauthorized('the bearer token is not valid');
    if (!token.user.active) throw forbidden('this user is deactivated');
    const now = this.clock.now();
    const status = apiTokenStatus(token, now);
    if (status === 'revoked') throw unauthorized(`this API token was revoked at ${token.revokedAt!.toISOString()}; use another token or ask for a new one`);
    if (status === 'expired') throw unauthorized(`this API token expired at ${token.expiresAt.toISOString()}; issue a new one (POST /api/v1/users/{id}/tokens)`);
    if (lastUseIsStale(token.lastUsedAt, now)) await this.recordUse(token.id, now);
    return token.user;
  }

  async list(userId: string, me: UserPrincipal): Promise<ApiTokenView[]> {
    await this.requireManageable(this.dataSource.manager, userId, me);
    const rows = await this.dataSource.getRepository(ApiTokenEntity).find({ where: { userId }, order: { createdAt: 'DESC', id: 'ASC' }, take: LIST_LIMIT });
    const now = this.clock.now();
    return rows.map((t) => toApiTokenView(t, now));
  }

  async issue(userId: string, name: string, life: TokenLifeRequest, me: UserPrincipal): Promise<IssuedApiTokenView> {
    const now = this.clock.now();
    const expiresAt = this.expiryFor(now, life);
    return this.dataSource.transaction(async (tx) => {
      const user = await this.requireManageable(tx, userId, me, { lock: true });
      if (!user.active) throw conflict(`${user.email} is deactivated; reactivate them before issuing a token`, 'id');
      await this.requireRoomForOne(tx, userId, now);
      const { entity, secret } = await this.insertToken(tx, { userId, name, expiresAt, createdById: me.id, rotatedFromId: null }, now);
      await this.audit(tx, userId, 'api_token.issued', me, { tokenId: entity.id, name, expiresAt: expiresAt.toISOString() }, now);
      return { token: toApiTokenView(entity, now), secret };
    });
  }

  /**
   * A new token for the same person and name; the old one keeps working until the overlap
   * (API_TOKEN_ROTATION_OVERLAP_HOURS) ends or it is revoked, whichever comes first, so a
   * client can switch without a gap. A token is rotated once: rotate the new one next time.
   */
  async rotate(tokenId: string, life: TokenLifeRequest, me: UserPrincipal): Promise<RotatedApiTokenView> {
    const now = this.clock.now();
    const expiresAt = this.expiryFor(now, life);
    return this.dataSource.transaction(async (tx) => {
      const old = await this.tokenRow(tx, tokenId);
      const user = await this.requireManageable(tx, old.userId, me, { lock: true });
      if (!user.active) throw conflict(`${user.email} is deactivated; reactivate them before issuing a token`, 'id');
      const status = apiTokenStatus(old, now);
      if (status !== 'active') throw conflict(`this token is ${status}; issue a new one instead of rotating it`, 'id');
      const successor = await tx.findOne(ApiTokenEntity, { where: { rotatedFromId: old.id } });
      if (successor) throw conflict(`this token was already rotated (its successor is ${successor.id}); rotate that one`, 'id');
      const { entity, secret } = await this.insertToken(tx, { userId: old.userId, name: old.name, expiresAt, createdById: me.id, rotatedFromId: old.id }, now);
      old.expiresAt = expiryAfterRotation(old.expiresAt, now, this.config.apiTokens.rotationOverlapMs);
      await tx.update(ApiTokenEntity, { id: old.id }, { expiresAt: old.expiresAt });
      await this.audit(
        tx,
        old.userId,
        'api_token.rotated',
        me,
        { tokenId: entity.id, previousTokenId: old.id, name: old.name, expiresAt: expiresAt.toISOString(), previousExpiresAt: old.expiresAt.toISOString() },
        now,
      );
      return { token: toApiTokenView(entity, now), secret, previous: toApiTokenView(old, now) };
    });
  }

  /** Revoking ends the token at once. Revoking a revoked token changes nothing and says so in its view. */
  async revoke(tokenId: string, me: UserPrincipal): Promise<ApiTokenView> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx) => {
      const token = await this.tokenRow(tx, tokenId, { lock: true });
      await this.requireManageable(tx, token.userId, me);
      if (token.revokedAt) return toApiTokenView(token, now);
      token.revokedAt = now;
      token.revokedReason = 'revoked';
      await tx.update(ApiTokenEntity, { id: token.id }, { revokedAt: now, revokedReason: 'revoked' });
      await this.audit(tx, token.userId, 'api_token.revoked', me, { tokenId: token.id, name: token.name }, now);
      return toApiTokenView(token, now);
    });
  }

  /**
   * A person's first token, issued with their account (POST /users) in the caller's transaction;
   * the account's own audit event records it.
   */
  async issueInitial(tx: EntityManager, userId: string, createdById: string | null): Promise<{ tokenId: string; secret: string; expiresAt: Date }> {
    const now = this.clock.now();
    const expiresAt = this.expiryFor(now, {});
    const { entity, secret } = await this.insertToken(tx, { userId, name: 'initial token', expiresAt, createdById, rotatedFromId: null }, now);
    return { tokenId: entity.id, secret, expiresAt };
  }

  /** Deactivation: every token of the person stops working, in the caller's transaction; reactivation does not bring them back. */
  async revokeAllForUser(tx: EntityManager, userId: string, reason: ApiTokenRevokedReason): Promise<number> {
    const result = await tx.update(ApiTokenEntity, { userId, revokedAt: IsNull() }, { revokedAt: this.clock.now(), revokedReason: reason });
    return result.affected ?? 0;
  }

  private expiryFor(now: Date, life: TokenLifeRequest): Date {
    const decision = tokenExpiry(now, life, this.config.apiTokens);
    if (!decision.ok) throw badRequest(decision.message, decision.field);
    return decision.expiresAt;
  }

  /** The person whose tokens these are, if `me` may manage them (their own, or an admin); 404 only for an admin. */
  private async requireManageable(m: EntityManager, userId: string, me: UserPrincipal, options: { lock?: boolean } = {}): Promise<UserEntity> {
    requireAllowed(me, 'api_token.manage', { ownerId: userId });
    const user = await m.findOne(UserEntity, { where: { id: userId }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!user) throw notFound(`user ${userId} does not exist`, 'id');
    return user;
  }

  private async tokenRow(m: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<ApiTokenEntity> {
    const token = await m.findOne(ApiTokenEntity, { where: { id }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!token) throw notFound(`API token ${id} does not exist`, 'id');
    return token;
  }

  private async requireRoomForOne(tx: EntityManager, userId: string, now: Date): Promise<void> {
    const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2`, [userId, now]);
    if (n >= MAX_LIVE_TOKENS_PER_PERSON) throw new ApiError(409, `a person may hold at most ${MAX_LIVE_TOKENS_PER_PERSON} working tokens; revoke one first`, 'id');
  }

  private async insertToken(
    tx: EntityManager,
    fields: Pick<ApiTokenEntity, 'userId' | 'name' | 'expiresAt' | 'createdById' | 'rotatedFromId'>,
    now: Date,
  ): Promise<{ entity: ApiTokenEntity; secret: string }> {
    const secret = `aigov_${randomBytes(32).toString('base64url')}`;
    const entity = tx.create(ApiTokenEntity, {
      id: randomUUID(),
      ...fields,
      tokenHash: hashApiToken(secret),
      prefix: secret.slice(0, PREFIX_LENGTH),
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
      revokedReason: null,
    });
    await tx.insert(ApiTokenEntity, entity);
    return { entity, secret };
  }

  /** One conditional write: concurrent requests of one token write at most once per interval. */
  private async recordUse(id: string, now: Date): Promise<void> {
    const staleBefore = new Date(now.getTime() - LAST_USED_WRITE_INTERVAL_MS + 1);
    await this.dataSource.manager.update(ApiTokenEntity, { id, lastUsedAt: Or(IsNull(), LessThan(staleBefore)) }, { lastUsedAt: now });
  }

  private async audit(tx: EntityManager, userId: string, eventType: string, me: UserPrincipal, payload: Record<string, unknown>, now: Date): Promise<void> {
    await appendNextAuditEvent(tx, { streamId: `user:${userId}`, eventType, actorId: me.id, actorLabel: me.email, payload, occurredAt: now });
  }
}
