import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { Clock } from '@aigov/config/clock';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { GatewayTokenEntity } from '@aigov/persistence/entities';
import { queryPreparedOnPool } from '@aigov/persistence/pool-query';
import { hashApiToken } from '../auth/api-token';
import { requireAllowed } from '../auth/access';
import type { GatewayPrincipal, UserPrincipal } from '../auth/principal';
import { ApiError, badRequest, conflict, notFound, unauthorized } from '../common/api-error';
import { apiTokenStatus, expiryAfterRotation, LAST_USED_WRITE_INTERVAL_MS, lastUseIsStale, TokenLifeRequest, tokenExpiry } from '../api-tokens/api-token-lifetime';
import { GATEWAY_TOKEN_PREFIX_LENGTH, newGatewaySecret } from './gateway-token-secret';
import type { IssueGatewayTokenDto } from './dto/gateway-token.dto';
import { GatewayTokenView, IssuedGatewayTokenView, RotatedGatewayTokenView, toGatewayTokenView } from './dto/gateway-token.view';

/** Working gateway tokens at once, all gateways together: bounds what one leaked admin session can mint. */
export const MAX_LIVE_GATEWAY_TOKENS = 100;
const LIST_LIMIT = 200;
/** Admin changes to gateway tokens, one audit stream. */
export const GATEWAY_TOKEN_AUDIT_STREAM = 'gateway-tokens';

const AUTHENTICATE = `SELECT id, gateway_name, expires_at, revoked_at, last_used_at FROM gateway_tokens WHERE token_hash = $1`;

interface TokenRow {
  id: string;
  gateway_name: string;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

/**
 * Machine tokens of named gateways (AI gateways, agent runtimes): issued by an admin (secret
 * shown once, its SHA-256 stored), listed, rotated and revoked like personal tokens, each
 * change an audit event. The bearer check reads the row on every request (no cache), so a
 * revocation holds from the next request on, in every API process.
 */
@Injectable()
export class GatewayTokensService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The gateway a bearer secret belongs to, or the 401 that refuses it. Writes nothing. */
  async authenticate(secret: string): Promise<GatewayPrincipal> {
    const [row] = await queryPreparedOnPool<TokenRow>(this.dataSource, 'aigov_gateway_token_by_hash', AUTHENTICATE, [hashApiToken(secret)]);
    if (!row) throw unauthorized('the bearer token is not valid');
    const status = apiTokenStatus({ revokedAt: row.revoked_at, expiresAt: row.expires_at }, this.clock.now());
    if (status === 'revoked') throw unauthorized(`this gateway token was revoked at ${row.revoked_at!.toISOString()}; ask an admin for a new one`);
    if (status === 'expired') throw unauthorized(`this gateway token expired at ${row.expires_at.toISOString()}; ask an admin to rotate or issue one`);
    return { kind: 'gateway', id: row.id, gatewayName: row.gateway_name, lastUsedAt: row.last_used_at };
  }

  /** Records a use at most once a minute per token (one conditional write; concurrent requests write once). */
  async recordUse(gateway: GatewayPrincipal): Promise<void> {
    const now = this.clock.now();
    if (!lastUseIsStale(gateway.lastUsedAt, now)) return;
    await this.dataSource.query(
      `UPDATE gateway_tokens SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)`,
      [gateway.id, now, new Date(now.getTime() - LAST_USED_WRITE_INTERVAL_MS + 1)],
    );
  }

  async list(me: UserPrincipal): Promise<GatewayTokenView[]> {
    requireAllowed(me, 'gateway_token.manage');
    const rows = await this.dataSource.getRepository(GatewayTokenEntity).find({ order: { createdAt: 'DESC', id: 'ASC' }, take: LIST_LIMIT });
    const now = this.clock.now();
    return rows.map((t) => toGatewayTokenView(t, now));
  }

  async issue(dto: IssueGatewayTokenDto, me: UserPrincipal): Promise<IssuedGatewayTokenView> {
    requireAllowed(me, 'gateway_token.manage');
    const now = this.clock.now();
    const expiresAt = this.expiryFor(now, dto);
    return this.dataSource.transaction(async (tx) => {
      await this.requireRoomForOne(tx, now);
      const { entity, secret } = await this.insertToken(tx, { gatewayName: dto.gatewayName, gatewayKind: dto.gatewayKind, expiresAt, createdById: me.id, rotatedFromId: null }, now);
      await this.audit(tx, 'gateway_token.issued', me, { tokenId: entity.id, gatewayName: entity.gatewayName, gatewayKind: entity.gatewayKind, expiresAt: expiresAt.toISOString() }, now);
      return { token: toGatewayTokenView(entity, now), secret };
    });
  }

  /** A new secret for the same gateway; the old one works until the overlap ends or it is revoked. */
  async rotate(tokenId: string, life: TokenLifeRequest, me: UserPrincipal): Promise<RotatedGatewayTokenView> {
    requireAllowed(me, 'gateway_token.manage');
    const now = this.clock.now();
    const expiresAt = this.expiryFor(now, life);
    return this.dataSource.transaction(async (tx) => {
      const old = await this.tokenRow(tx, tokenId);
      const status = apiTokenStatus(old, now);
      if (status !== 'active') throw conflict(`this gateway token is ${status}; issue a new one instead of rotating it`, 'id');
      const successor = await tx.findOne(GatewayTokenEntity, { where: { rotatedFromId: old.id } });
      if (successor) throw conflict(`this gateway token was already rotated (its successor is ${successor.id}); rotate that one`, 'id');
      await this.requireRoomForOne(tx, now);
      const { entity, secret } = await this.insertToken(tx, { gatewayName: old.gatewayName, gatewayKind: old.gatewayKind, expiresAt, createdById: me.id, rotatedFromId: old.id }, now);
      old.expiresAt = expiryAfterRotation(old.expiresAt, now, this.config.apiTokens.rotationOverlapMs);
      await tx.update(GatewayTokenEntity, { id: old.id }, { expiresAt: old.expiresAt });
      await this.audit(
        tx,
        'gateway_token.rotated',
        me,
        { tokenId: entity.id, previousTokenId: old.id, gatewayName: old.gatewayName, expiresAt: expiresAt.toISOString(), previousExpiresAt: old.expiresAt.toISOString() },
        now,
      );
      return { token: toGatewayTokenView(entity, now), secret, previous: toGatewayTokenView(old, now) };
    });
  }

  /** Ends the token at once; revoking a revoked token changes nothing. */
  async revoke(tokenId: string, me: UserPrincipal): Promise<GatewayTokenView> {
    requireAllowed(me, 'gateway_token.manage');
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx) => {
      const token = await this.tokenRow(tx, tokenId);
      if (token.revokedAt) return toGatewayTokenView(token, now);
      token.revokedAt = now;
      token.revokedById = me.id;
      await tx.update(GatewayTokenEntity, { id: token.id }, { revokedAt: now, revokedById: me.id });
      await this.audit(tx, 'gateway_token.revoked', me, { tokenId: token.id, gatewayName: token.gatewayName }, now);
      return toGatewayTokenView(token, now);
    });
  }

  private expiryFor(now: Date, life: TokenLifeRequest): Date {
    const decision = tokenExpiry(now, life, this.config.apiTokens);
    if (!decision.ok) throw badRequest(decision.message, decision.field);
    return decision.expiresAt;
  }

  private async tokenRow(m: EntityManager, id: string): Promise<GatewayTokenEntity> {
    const token = await m.findOne(GatewayTokenEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!token) throw notFound(`gateway token ${id} does not exist`, 'id');
    return token;
  }

  private async requireRoomForOne(tx: EntityManager, now: Date): Promise<void> {
    // Serialises issuers so two at once cannot both pass the count.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('gateway_tokens.issue'))`);
    const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM gateway_tokens WHERE revoked_at IS NULL AND expires_at > $1`, [now]);
    if (n >= MAX_LIVE_GATEWAY_TOKENS) throw new ApiError(409, `at most ${MAX_LIVE_GATEWAY_TOKENS} gateway tokens may work at once; revoke one first`);
  }

  private async insertToken(
    tx: EntityManager,
    fields: Pick<GatewayTokenEntity, 'gatewayName' | 'gatewayKind' | 'expiresAt' | 'createdById' | 'rotatedFromId'>,
    now: Date,
  ): Promise<{ entity: GatewayTokenEntity; secret: string }> {
    const secret = newGatewaySecret();
    const entity = tx.create(GatewayTokenEntity, {
      id: randomUUID(),
      ...fields,
      tokenHash: hashApiToken(secret),
      prefix: secret.slice(0, GATEWAY_TOKEN_PREFIX_LENGTH),
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
      revokedById: null,
    });
    await tx.insert(GatewayTokenEntity, entity);
    return { entity, secret };
  }

  private async audit(tx: EntityManager, eventType: string, me: UserPrincipal, payload: Record<string, unknown>, now: Date): Promise<void> {
    await appendNextAuditEvent(tx, { streamId: GATEWAY_TOKEN_AUDIT_STREAM, eventType, actorId: me.id, actorLabel: me.email, payload, occurredAt: now });
  }
}
