import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import type { ScopeAutonomy } from '@aigov/domain/scope/approved-scope';
import { AiSystemEntity } from './ai-system.entity';
import { MaterialChangeEntity } from './material-change.entity';
import { UserEntity } from './user.entity';

/** proposed (being shaped), approved (in force), superseded (was in force), rejected / returned (its change did not pass). */
export type AiSystemScopeStatus = 'proposed' | 'approved' | 'superseded' | 'rejected' | 'returned';

/**
 * One version of an AI system's scope: what it may use, call and decide, and its autonomy. A
 * proposal is edited in place until an approval freezes it: it gets the next version number
 * and the SHA-256 of its canonical content, and the scope it replaces becomes superseded; from
 * then on the row never changes. At most one proposal and one approved scope per system
 * (partial unique indexes, migration 1764503200000); authorize reads the approved one by them.
 */
@Entity({ name: 'ai_system_scopes' })
@Check('ck_ai_system_scopes_status', "status IN ('proposed', 'approved', 'superseded', 'rejected', 'returned')")
@Check('ck_ai_system_scopes_autonomy', "autonomy IN ('advisory', 'human_in_the_loop', 'human_on_the_loop', 'fully_automated')")
@Check('ck_ai_system_scopes_frozen', "status IN ('proposed', 'rejected', 'returned') OR (version IS NOT NULL AND content_hash IS NOT NULL AND approved_at IS NOT NULL)")
@Check('ck_ai_system_scopes_content_hash', "content_hash IS NULL OR content_hash ~ '^[0-9a-f]{64}$'")
@Index('uq_ai_system_scopes_version', ['aiSystemId', 'version'], { unique: true })
@Index('uq_ai_system_scopes_one_approved', { synchronize: false })
@Index('uq_ai_system_scopes_one_proposed', { synchronize: false })
@Index('idx_ai_system_scopes_material_change_id', ['materialChangeId'])
export class AiSystemScopeEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_ai_system_scopes' })
  id: string;

  @Column({ type: 'uuid', name: 'ai_system_id' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id', foreignKeyConstraintName: 'fk_ai_system_scopes_ai_system' })
  aiSystem?: Relation<AiSystemEntity>;

  @Column({ type: 'text', name: 'status' })
  status: AiSystemScopeStatus;

  /** 1, 2, 3 ... per system, given when approved; null while proposed (or when its change failed) */
  @Column({ type: 'integer', name: 'version', nullable: true })
  version: number | null;

  /** the material change that proposes it; null for the first approval's proposal */
  @Column({ type: 'uuid', name: 'material_change_id', nullable: true })
  materialChangeId: string | null;

  @ManyToOne(() => MaterialChangeEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'material_change_id', foreignKeyConstraintName: 'fk_ai_system_scopes_material_change' })
  materialChange?: Relation<MaterialChangeEntity> | null;

  @Column({ type: 'jsonb', name: 'data_categories' })
  dataCategories: string[];

  @Column({ type: 'jsonb', name: 'tools' })
  tools: string[];

  @Column({ type: 'jsonb', name: 'decisions' })
  decisions: string[];

  @Column({ type: 'text', name: 'autonomy' })
  autonomy: ScopeAutonomy;

  /** sha256 hex of the canonical JSON of {aiSystemId, version, dataCategories, tools, decisions, autonomy}; set when approved */
  @Column({ type: 'text', name: 'content_hash', nullable: true })
  contentHash: string | null;

  @Column({ type: 'uuid', name: 'proposed_by_id', nullable: true })
  proposedById: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposed_by_id', foreignKeyConstraintName: 'fk_ai_system_scopes_proposed_by' })
  proposedBy?: Relation<UserEntity> | null;

  @Column({ type: 'timestamptz', name: 'proposed_at' })
  proposedAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;

  /** the approval round that approved it (the system's, or its material change's) */
  @Column({ type: 'integer', name: 'approval_round', nullable: true })
  approvalRound: number | null;

  @Column({ type: 'timestamptz', name: 'approved_at', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'superseded_at', nullable: true })
  supersededAt: Date | null;
}
