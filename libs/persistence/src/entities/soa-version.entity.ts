import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SoaVersionStatus } from '@aigov/domain/soa';

/**
 * A version of the organisation's Statement of Applicability: the draft being edited (at most
 * one, in 'draft' or 'in_approval'), or a published version, frozen with its canonical JSON
 * document and that document's SHA-256.
 */
@Entity({ name: 'soa_versions' })
@Check('ck_soa_versions_status', "status IN ('draft', 'in_approval', 'published', 'superseded')")
@Check('ck_soa_versions_frozen', "status IN ('draft', 'in_approval') OR (document IS NOT NULL AND sha256 IS NOT NULL AND published_at IS NOT NULL)")
@Index('uq_soa_versions_version', ['version'], { unique: true })
@Index('uq_soa_versions_one_open', ['isOpen'], { unique: true, where: 'is_open' })
export class SoaVersionEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_soa_versions' })
  id: string;

  /** 1, 2, 3 ...: the number the version is published under */
  @Column({ type: 'integer', name: 'version' })
  version: number;

  @Column({ type: 'text', name: 'status' })
  status: SoaVersionStatus;

  /** true while the version is the draft (editable or in its publication round): one at a time */
  @Column({ type: 'boolean', name: 'is_open', default: false })
  isOpen: boolean;

  /** everyone who edited this draft: none of them may approve its publication */
  @Column({ type: 'jsonb', name: 'editor_ids', default: () => "'[]'" })
  editorIds: string[];

  /** publication rounds run for this version (a rejected one leaves the draft editable) */
  @Column({ type: 'integer', name: 'approval_round', default: 0 })
  approvalRound: number;

  /** the publication workflow of the latest round */
  @Column({ type: 'text', name: 'workflow_id', nullable: true })
  workflowId: string | null;

  /** derived from the Idempotency-Key of the latest submission, so a resent submission answers like the first */
  @Column({ type: 'uuid', name: 'submission_key', nullable: true })
  submissionKey: string | null;

  @Column({ type: 'uuid', name: 'submitted_by_id', nullable: true })
  submittedById: string | null;

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  /** the outcome of the latest round that did not publish (rejected, changes_requested, expired ...) and its reason */
  @Column({ type: 'jsonb', name: 'last_outcome', nullable: true })
  lastOutcome: { round: number; outcome: string; reason: string | null } | null;

  /** the frozen document (canonical JSON) once published */
  @Column({ type: 'jsonb', name: 'document', nullable: true })
  document: Record<string, unknown> | null;

  /** SHA-256 (hex) of the document's canonical serialisation */
  @Column({ type: 'text', name: 'sha256', nullable: true })
  sha256: string | null;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
