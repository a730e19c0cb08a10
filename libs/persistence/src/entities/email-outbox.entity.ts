import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** 'cancelled': the task closed before its prompt could go out, so it never will */
export type EmailOutboxStatus = 'pending' | 'sent' | 'cancelled';

/**
 * Mail is recorded here before it is handed to SMTP; the idempotency key stops an activity
 * retry from sending the same message twice.
 */
@Entity({ name: 'email_outbox' })
@Unique('uq_email_outbox_idempotency_key', ['idempotencyKey'])
@Check('ck_email_outbox_status', "status IN ('pending', 'sent', 'cancelled')")
@Index('idx_email_outbox_status_created_at', ['status', 'createdAt'])
export class EmailOutboxEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_email_outbox' })
  id: string;

  @Column({ type: 'text', name: 'idempotency_key' })
  idempotencyKey: string;

  @Column({ type: 'uuid', name: 'task_id', nullable: true })
  taskId: string | null;

  @Column({ type: 'text', name: 'to_address' })
  toAddress: string;

  @Column({ type: 'text', name: 'subject' })
  subject: string;

  @Column({ type: 'text', name: 'text_body' })
  textBody: string;

  @Column({ type: 'text', name: 'html_body' })
  htmlBody: string;

  @Column({ type: 'text', name: 'status', default: 'pending' })
  status: EmailOutboxStatus;

  @Column({ type: 'integer', name: 'attempts', default: 0 })
  attempts: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  /** the SMTP Message-ID, kept so a delivered mail can be traced in the mail server's logs */
  @Column({ type: 'text', name: 'message_id', nullable: true })
  messageId: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;
}
