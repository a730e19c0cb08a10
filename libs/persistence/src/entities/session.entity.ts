import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation, Unique } from 'typeorm';
import { SignInLinkEntity } from './sign-in-link.entity';
import { UserEntity } from './user.entity';

/** How a session was started: an emailed link, or single sign-on (OpenID Connect). */
export type SessionMethod = 'email_link' | 'oidc';

/** Why a session ended: signed out, replaced by a new sign-in in the same browser, timed out, or its person deactivated. */
export type SessionEndReason = 'signed_out' | 'replaced' | 'idle' | 'expired' | 'deactivated';

/**
 * A browser session. The cookie holds a random token; only its SHA-256 is stored, so a leaked
 * table signs nobody in. Ended sessions are kept (ended_at, ended_reason) as a record of access.
 */
@Entity({ name: 'sessions' })
@Unique('uq_sessions_token_hash', ['tokenHash'])
@Check('ck_sessions_token_hash_sha256', "token_hash ~ '^[0-9a-f]{64}$'")
@Check('ck_sessions_method', "method IN ('email_link', 'oidc')")
@Check('ck_sessions_ended', "(ended_at IS NULL) = (ended_reason IS NULL) AND (ended_reason IS NULL OR ended_reason IN ('signed_out', 'replaced', 'idle', 'expired', 'deactivated'))")
@Index('idx_sessions_user_id', ['userId'])
// live sessions only, for the worker's sweep of lapsed ones (lapsed-sessions.ts)
@Index('idx_sessions_live_expires_at', ['expiresAt'], { where: 'ended_at IS NULL' })
export class SessionEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_sessions' })
  id: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_sessions_user' })
  user?: Relation<UserEntity>;

  @Column({ type: 'text', name: 'token_hash' })
  tokenHash: string;

  @Column({ type: 'varchar', length: 16, name: 'method' })
  method: SessionMethod;

  /** the emailed link that started it (method email_link) */
  @Column({ type: 'uuid', name: 'sign_in_link_id', nullable: true })
  signInLinkId: string | null;

  @ManyToOne(() => SignInLinkEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sign_in_link_id', foreignKeyConstraintName: 'fk_sessions_sign_in_link' })
  signInLink?: Relation<SignInLinkEntity> | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  /** the last request, for the sliding idle expiry (written at most once a minute) */
  @Column({ type: 'timestamptz', name: 'last_seen_at' })
  lastSeenAt: Date;

  /** the absolute expiry, fixed at sign-in */
  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'varchar', length: 16, name: 'ended_reason', nullable: true })
  endedReason: SessionEndReason | null;

  /**
   * the ID token the OpenID Provider issued at this sign-in (method oidc), the hint that ending
   * the session at the provider too needs; cleared when the session's end is recorded
   */
  @Column({ type: 'text', name: 'id_token_hint', nullable: true })
  idTokenHint: string | null;
}
