import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation, Unique } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * A person's account at an OpenID Provider, named as OpenID Connect names it: the issuer and the
 * subject (`sub`), which the provider never reassigns, unlike an email address. Single sign-on
 * finds the person by this pair; the email only links an existing person at their first
 * single sign-on (and only when the provider has verified it). A table of its own: a person
 * may come to have more than one (a provider moved to a new issuer) and most have none.
 */
@Entity({ name: 'oidc_identities' })
@Unique('uq_oidc_identities_issuer_subject', ['issuer', 'subject'])
@Index('idx_oidc_identities_user_id', ['userId'])
export class OidcIdentityEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_oidc_identities' })
  id: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_oidc_identities_user' })
  user?: Relation<UserEntity>;

  @Column({ type: 'text', name: 'issuer' })
  issuer: string;

  @Column({ type: 'text', name: 'subject' })
  subject: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'last_sign_in_at' })
  lastSignInAt: Date;
}
