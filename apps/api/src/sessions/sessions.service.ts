import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull, LessThan } from 'typeorm';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { Clock } from '@aigov/config/clock';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { SessionEndReason, SessionEntity, SessionMethod, UserEntity } from '@aigov/persistence/entities';

/** 32 random bytes, base64url: what the cookie carries. */
const SESSION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type SessionLookup =
  | { ok: true; session: SessionEntity; user: UserEntity }
  | { ok: false; reason: 'unknown' | 'idle' | 'expired' | 'deactivated' };

/**
 * Browser sessions: started by a sign-in, ended by signing out, by a new sign-in in the same
 * browser, after the idle or absolute limit, or when the person is deactivated. The token is
 * only ever in the cookie; the row holds its SHA-256.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts a new session (a new id and token every time: sign-in rotates the session). A single
   * sign-on keeps the provider's ID token with it, to end the provider's session at sign-out.
   */
  async start(
    tx: EntityManager,
    user: UserEntity,
    method: SessionMethod,
    signInLinkId: string | null,
    idTokenHint: string | null = null,
  ): Promise<{ session: SessionEntity; token: string }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const session = tx.create(SessionEntity, {
      id: randomUUID(),
      userId: user.id,
      tokenHash: hashSessionToken(token),
      method,
      signInLinkId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.config.sessionAbsoluteTtlMs),
      endedAt: null,
      endedReason: null,
      idTokenHint,
    });
    await tx.insert(SessionEntity, session);
    await appendNextAuditEvent(tx, {
      streamId: `user:${user.id}`,
      eventType: 'user.signed_in',
      actorId: user.id,
      actorLabel: user.email,
      payload: { sessionId: session.id, method },
      occurredAt: now,
    });
    return { session, token };
  }

  /**
   * The live session a cookie names, or why there is none. A session found past its idle or
   * absolute limit, or whose person was deactivated, is ended here, so it never works again. One
   * whose cookie never comes back is ended by the worker's hourly pass (lapsed-sessions.ts).
   */
  async resolve(token: string): Promise<SessionLookup> {
    if (!SESSION_TOKEN.test(token)) return { ok: false, reason: 'unknown' };
    const session = await this.dataSource.getRepository(SessionEntity).findOne({ where: { tokenHash: hashSessionToken(token) }, relations: { user: true } });
    if (!session || session.endedAt || !session.user) return { ok: false, reason: 'unknown' };
    const now = this.clock.now();
    const ended = (reason: 'idle' | 'expired' | 'deactivated', at = now) => this.end(this.dataSource.manager, session.id, reason, at).then(() => ({ ok: false as const, reason }));
    // Named for the limit it reached first and dated when it lapsed, as the worker's sweep of
    // lapsed sessions records it: access ended then, not when the cookie came back.
    const lapsesAt = this.idleExpiresAt(session);
    if (now.getTime() >= lapsesAt.getTime()) return ended(session.expiresAt.getTime() <= lapsesAt.getTime() ? 'expired' : 'idle', lapsesAt);
    if (!session.user.active) return ended('deactivated');
    return { ok: true, session, user: session.user };
  }

  /**
   * Records activity for the sliding idle limit. Written at most once a minute (or a tenth of
   * the idle limit, if that is shorter), so a busy page does not write on every request.
   */
  async touch(session: SessionEntity): Promise<void> {
    const now = this.clock.now();
    const interval = Math.min(60_000, this.config.sessionIdleTtlMs / 10);
    if (now.getTime() - session.lastSeenAt.getTime() < interval) return;
    await this.dataSource.manager.update(SessionEntity, { id: session.id, endedAt: IsNull(), lastSeenAt: LessThan(now) }, { lastSeenAt: now });
    session.lastSeenAt = now;
  }

  /** When the session ends unless it is used again: the idle limit, never beyond the absolute one. */
  idleExpiresAt(session: Pick<SessionEntity, 'lastSeenAt' | 'expiresAt'>): Date {
    return new Date(Math.min(session.lastSeenAt.getTime() + this.config.sessionIdleTtlMs, session.expiresAt.getTime()));
  }

  /** Signing out: ends the session and records it in the person's audit stream. */
  async signOut(session: SessionEntity, user: Pick<UserEntity, 'id' | 'email'>): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      if (!(await this.end(tx, session.id, 'signed_out'))) return;
      await appendNextAuditEvent(tx, {
        streamId: `user:${user.id}`,
        eventType: 'user.signed_out',
        actorId: user.id,
        actorLabel: user.email,
        payload: { sessionId: session.id },
        occurredAt: this.clock.now(),
      });
    });
  }

  /** Ends the live session this cookie token names, if any (a new sign-in in the same browser replaces it). */
  async endByToken(tx: EntityManager, token: string, reason: SessionEndReason): Promise<void> {
    if (!SESSION_TOKEN.test(token)) return;
    await tx.update(SessionEntity, { tokenHash: hashSessionToken(token), endedAt: IsNull() }, this.ending(reason));
  }

  /** Ends every live session of a person, in the caller's transaction (deactivation). */
  async endAllForUser(tx: EntityManager, userId: string, reason: SessionEndReason): Promise<number> {
    const result = await tx.update(SessionEntity, { userId, endedAt: IsNull() }, this.ending(reason));
    return result.affected ?? 0;
  }

  /** true when this call ended it; false when it had already ended. */
  private async end(m: EntityManager, id: string, reason: SessionEndReason, at?: Date): Promise<boolean> {
    const result = await m.update(SessionEntity, { id, endedAt: IsNull() }, this.ending(reason, at));
    return (result.affected ?? 0) > 0;
  }

  /** What every way of ending a session writes: when (now, unless it lapsed earlier) and why, and the provider's ID token forgotten. */
  private ending(reason: SessionEndReason, at: Date = this.clock.now()): Pick<SessionEntity, 'endedAt' | 'endedReason' | 'idTokenHint'> {
    return { endedAt: at, endedReason: reason, idTokenHint: null };
  }
}
