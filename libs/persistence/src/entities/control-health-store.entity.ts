import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SystemHealthPart } from '@aigov/domain/evidence/control-health-fold';

/**
 * Control health kept current (libs/persistence/src/evidence/control-health-store.ts): what
 * each system contributes to the organisation-wide summary, and until when time leaves it so.
 */
@Entity({ name: 'control_health_systems' })
@Index('idx_control_health_systems_valid_until', ['validUntil'])
@Index('idx_control_health_systems_reasons', { synchronize: false })
export class ControlHealthSystemEntity {
  @PrimaryColumn({ type: 'uuid', name: 'ai_system_id', primaryKeyConstraintName: 'pk_control_health_systems' })
  aiSystemId: string;

  /** the rebuild (control_health_state.generation) that wrote or last saw it */
  @Column({ type: 'integer', name: 'generation' })
  generation: number;

  @Column({ type: 'jsonb', name: 'part' })
  part: SystemHealthPart;

  /** from then on time alone may change the part; null: only new evidence changes it */
  @Column({ type: 'timestamptz', name: 'valid_until', nullable: true })
  validUntil: Date | null;

  /** the moment the part was computed for */
  @Column({ type: 'timestamptz', name: 'computed_at' })
  computedAt: Date;
}

/** An AI system whose evidence changed since its part was computed; marked by triggers, `seq` new with every mark. */
@Entity({ name: 'control_health_dirty' })
export class ControlHealthDirtyEntity {
  @PrimaryColumn({ type: 'uuid', name: 'ai_system_id', primaryKeyConstraintName: 'pk_control_health_dirty' })
  aiSystemId: string;

  /** bigint arrives as a string */
  @Column({ type: 'bigint', name: 'seq' })
  seq: string;
}

/** The one row: the organisation-wide fold, the basis it holds for, and a rebuild's progress. */
@Entity({ name: 'control_health_state' })
@Check('ck_control_health_state_one_row', '"id" = 1')
export class ControlHealthStateEntity {
  @PrimaryColumn({ type: 'smallint', name: 'id', primaryKeyConstraintName: 'pk_control_health_state' })
  id: number;

  @Column({ type: 'integer', name: 'generation', default: 0 })
  generation: number;

  /** hash of what every part depends on besides the system's own evidence; null before the first rebuild */
  @Column({ type: 'text', name: 'basis', nullable: true })
  basis: string | null;

  @Column({ type: 'jsonb', name: 'applicability', nullable: true })
  applicability: unknown;

  @Column({ type: 'integer', name: 'evidence_map_revision', nullable: true })
  evidenceMapRevision: number | null;

  /** the controls manual evidence named when the fold was built: the fold's controls are controlsOfMap(map, these), in that order */
  @Column({ type: 'jsonb', name: 'controls', nullable: true })
  controls: unknown;

  @Column({ type: 'jsonb', name: 'fold', nullable: true })
  fold: unknown;

  /** the moment the fold holds for */
  @Column({ type: 'timestamptz', name: 'as_of', nullable: true })
  asOf: Date | null;

  /** a rebuild in progress (its basis, cursor and partial fold); null when none */
  @Column({ type: 'jsonb', name: 'rebuild', nullable: true })
  rebuild: unknown;
}
