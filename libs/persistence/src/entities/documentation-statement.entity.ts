import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import type { DocumentationStatementKey } from '@aigov/domain/documentation/documentation-statements';
import { AiSystemEntity } from './ai-system.entity';
import { UserEntity } from './user.entity';

/**
 * What the Annex IV documentation or the fundamental rights impact assessment needs and the
 * engine cannot derive (libs/domain documentation-statements): one current text per system and
 * key. Earlier texts are in the audit trail (stream `ai-system-documentation:<system id>`), each
 * with its SHA-256, so the row keeps only the current version.
 */
@Entity({ name: 'documentation_statements' })
@Check('ck_documentation_statements_version', 'version >= 1')
export class DocumentationStatementEntity {
  @PrimaryColumn({ type: 'uuid', name: 'ai_system_id', primaryKeyConstraintName: 'pk_documentation_statements' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id', foreignKeyConstraintName: 'fk_documentation_statements_ai_system' })
  aiSystem?: Relation<AiSystemEntity>;

  @PrimaryColumn({ type: 'text', name: 'statement_key', primaryKeyConstraintName: 'pk_documentation_statements' })
  key: DocumentationStatementKey;

  @Column({ type: 'text', name: 'text' })
  text: string;

  @Column({ type: 'integer', name: 'version' })
  version: number;

  @Column({ type: 'uuid', name: 'updated_by_id' })
  updatedById: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'fk_documentation_statements_updated_by' })
  updatedBy?: Relation<UserEntity>;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
