import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * A management review (ISO/IEC 42001 9.3): convened by its schedule with an agenda compiled
 * from the data at that moment, held on meeting_at, and closed by its minutes and decisions.
 */
@Entity({ name: 'management_reviews' })
@Unique('uq_management_reviews_workflow_id', ['workflowId'])
@Check('ck_management_reviews_status', "status IN ('scheduled', 'held')")
@Index('idx_management_reviews_meeting_at', ['meetingAt'])
export class ManagementReviewEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_management_reviews' })
  id: string;

  @Column({ type: 'text', name: 'workflow_id' })
  workflowId: string;

  @Column({ type: 'text', name: 'status', default: 'scheduled' })
  status: 'scheduled' | 'held';

  @Column({ type: 'timestamptz', name: 'convened_at' })
  convenedAt: Date;

  @Column({ type: 'timestamptz', name: 'meeting_at' })
  meetingAt: Date;

  /** the compiled agenda (see ManagementReviewAgenda); a snapshot, so later changes do not rewrite it */
  @Column({ type: 'jsonb', name: 'agenda' })
  agenda: Record<string, unknown>;

  @Column({ type: 'jsonb', name: 'participants', default: () => "'[]'" })
  participants: Array<{ id: string; email: string; name: string }>;

  @Column({ type: 'text', name: 'minutes', nullable: true })
  minutes: string | null;

  @Column({ type: 'jsonb', name: 'attendee_ids', default: () => "'[]'" })
  attendeeIds: string[];

  /** decisions as recorded, each with the PDCA item it became */
  @Column({ type: 'jsonb', name: 'decisions', default: () => "'[]'" })
  decisions: Array<Record<string, unknown>>;

  @Column({ type: 'uuid', name: 'recorded_by_id', nullable: true })
  recordedById: string | null;

  @Column({ type: 'timestamptz', name: 'recorded_at', nullable: true })
  recordedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'reminded_at', nullable: true })
  remindedAt: Date | null;
}
