import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ControlHealthSnapshotSummary } from '@aigov/domain/evidence/control-health-snapshot';

/**
 * The organisation-wide control health of one day (ISO/IEC 42001 and 27001 clause 9.1): taken
 * once a day by the control-health snapshot schedule, keyed by the day so a retried or repeated
 * run keeps the first. Charts read the history; a management review compares two of them.
 */
@Entity({ name: 'control_health_snapshots' })
export class ControlHealthSnapshotEntity {
  /** YYYY-MM-DD (UTC) */
  @PrimaryColumn({ type: 'date', name: 'day', primaryKeyConstraintName: 'pk_control_health_snapshots' })
  day: string;

  @Column({ type: 'timestamptz', name: 'taken_at' })
  takenAt: Date;

  @Column({ type: 'integer', name: 'systems' })
  systems: number;

  @Column({ type: 'jsonb', name: 'totals' })
  totals: ControlHealthSnapshotSummary['totals'];

  @Column({ type: 'jsonb', name: 'by_framework' })
  byFramework: ControlHealthSnapshotSummary['byFramework'];

  /** each control's status, keyed `framework ref` */
  @Column({ type: 'jsonb', name: 'controls' })
  controls: ControlHealthSnapshotSummary['controls'];

  /** the published SoA version applicability came from; null while none was published */
  @Column({ type: 'integer', name: 'soa_version', nullable: true })
  soaVersion: number | null;

  @Column({ type: 'integer', name: 'evidence_map_revision' })
  evidenceMapRevision: number;
}
