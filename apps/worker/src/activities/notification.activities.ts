import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { Clock } from '@aigov/config/clock';
import type { ApproverSelector } from '@aigov/domain/governance-policy.types';
import { escapeHtml } from '@aigov/notifications/html-escape';
import { MailerService } from '@aigov/notifications/mailer.service';
import type { NotificationRequest } from '@aigov/workflows/activity.contracts';

export interface Recipient {
  id: string;
  email: string;
  name: string;
}

/** Active people named by id or matched by a selector's roles and emails (each once). */
export async function resolveRecipients(dataSource: DataSource, userIds: string[], selector?: ApproverSelector): Promise<Recipient[]> {
  const rows: Recipient[] = await dataSource.query(
    `SELECT id, email, name FROM users
      WHERE active AND (id = ANY($1::uuid[]) OR roles && $2::text[] OR lower(email) = ANY($3::text[]))
      ORDER BY email`,
    [userIds, selector?.roles ?? [], selector?.users ?? []],
  );
  return rows;
}

/**
 * Informational mail (reminders, escalations, invitations, incident notices). Each recipient's
 * mail has its own outbox row keyed by (key, recipient), so a retried activity sends nobody a
 * second copy; a crash after the SMTP server accepted but before the row is marked resends
 * under the same Message-ID, as task prompts do.
 */
@Injectable()
export class NotificationActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: MailerService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'publicBaseUrl'>,
  ) {}

  async notify({ key, recipients, systemId, subject, text }: NotificationRequest): Promise<{ sent: number }> {
    const people = await resolveRecipients(this.dataSource, recipients.userIds ?? [], recipients.selector);
    const [system] = systemId ? await this.dataSource.query('SELECT name FROM ai_systems WHERE id = $1', [systemId]) : [];
    const fullSubject = system ? `[${system.name}] ${subject}` : subject;
    let sent = 0;
    for (const person of people) {
      const rowKey = `notify:${key}:${person.id}`;
      const messageId = `<notify.${Buffer.from(rowKey).toString('base64url').slice(0, 180)}@ai-governance>`;
      // A notice about a system links its page in the web application (not the JSON API).
      const systemUrl = systemId ? `${this.config.publicBaseUrl}/systems/${systemId}` : null;
      const body = `Hello ${person.name},\n\n${text}\n${systemUrl ? `\nThe system in the application: ${systemUrl}\n` : ''}`;
      const html = `<pre>${escapeHtml(`Hello ${person.name},\n\n${text}\n`)}</pre>${systemUrl ? `\n<p><a href="${escapeHtml(systemUrl)}">The system in the application</a></p>` : ''}`;
      await this.dataSource.query(
        `INSERT INTO email_outbox (id, idempotency_key, task_id, to_address, subject, text_body, html_body, status, attempts, message_id, created_at)
         VALUES (gen_random_uuid(), $1, NULL, $2, $3, $4, $5, 'pending', 0, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING`,
        [rowKey, person.email, fullSubject, body, html, messageId, this.clock.now()],
      );
      // Through TypeORM an UPDATE answers [rows, rowCount], not the rows themselves.
      const [claimed] = (await this.dataSource.query(
        `UPDATE email_outbox SET attempts = attempts + 1 WHERE idempotency_key = $1 AND status = 'pending' RETURNING id`,
        [rowKey],
      )) as [Array<{ id: string }>, number];
      if (claimed.length === 0) continue; // already sent
      await this.mailer.send({ to: person.email, subject: fullSubject, text: body, html, messageId });
      await this.dataSource.query(`UPDATE email_outbox SET status = 'sent', sent_at = $2 WHERE idempotency_key = $1`, [rowKey, this.clock.now()]);
      sent += 1;
    }
    return { sent };
  }
}
