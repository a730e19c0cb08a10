import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation, Unique, ValueTransformer } from 'typeorm';

// Lower-casing on write keeps the unique index meaningful for addresses typed with any casing.
const lowerCase: ValueTransformer = {
  to: (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value),
  from: (value: unknown) => value,
};

@Entity({ name: 'users' })
@Unique('uq_users_email', ['email'])
@Check('ck_users_email_lower_case', 'email = lower(email)')
@Index('idx_users_manager_id', ['managerId'])
export class UserEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_users' })
  id: string;

  @Column({ type: 'text', name: 'email', transformer: lowerCase })
  email: string;

  @Column({ type: 'text', name: 'name' })
  name: string;

  @Column({ type: 'text', name: 'roles', array: true, default: () => "'{}'" })
  roles: string[];

  @Column({ type: 'uuid', name: 'manager_id', nullable: true })
  managerId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'manager_id', foreignKeyConstraintName: 'fk_users_manager' })
  manager?: Relation<UserEntity> | null;

  @Column({ type: 'uuid', name: 'out_of_office_delegate_id', nullable: true })
  outOfOfficeDelegateId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'out_of_office_delegate_id', foreignKeyConstraintName: 'fk_users_out_of_office_delegate' })
  outOfOfficeDelegate?: Relation<UserEntity> | null;

  /** people leave but their decisions stay attributable, so users are deactivated, never deleted */
  @Column({ type: 'boolean', name: 'active', default: true })
  active: boolean;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
