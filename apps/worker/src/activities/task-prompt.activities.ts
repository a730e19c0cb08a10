import { Inject, Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@aigov/config/config.module';
import { AppConfig } from '@aigov/config/app-config';
import { Clock } from '@aigov/config/clock';
import { issueActionToken } from '@aigov/notifications/action-token';
import { MailerService } from '@aigov/notifications/mailer.service';
import { PromptKind, renderTaskPrompt } from '@aigov/notifications/task-prompt.template';
import type { ApprovalSubjectKind } from '@aigov/domain/approval-subject';
import { describeApprovalSubject } from '@aigov/persistence/approval-subject.description';

interface PromptRow {
  task_id: string;
  task_kind: 'approval' | 'review';
  status: string;
  step_name: string | null;
  due_at: Date | null;
  assignee_id: string;
  assignee_email: string;
  assignee_name: string;
  subject_kind: ApprovalSubjectKind;
  subject_id: string;
  /** null when the subject is not an AI system */
  system_name: string | null;
  system_purpose: string | null;
  stage: string | null;
  risk_tier: string | null;
  risk_reasons: Array<{ text: string }> | null;
  on_behalf_of_name: string | null;
  delegation_reason: string | null;
}

/** Heartbeats only when running inside an activity (tests also call the method directly). */
function heartbeat(): void {
  try {
    Context.current().heartbeat();
  } catch {
    // not in an activity context
  }
}

/**
 * Task emails. The outbox row, unique per (kind, task), is claimed before sending and marked
 * after, so a retried activity does not send a prompt that already went out. The action link
 * is minted at send time and only its hash is stored: the outbox never holds a usable link.
 */
@Injectable()
export class TaskPromptActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: MailerService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sendTaskPrompt({ taskId, kind }: { taskId: string; kind: PromptKind }): Promise<{ sent: boolean }> {
    const key = `${kind}:${taskId}`;
    const [existing] = await this.dataSource.query('SELECT status FROM email_outbox WHERE idempotency_key = $1', [key]);
    if (existing?.status === 'sent') return { sent: false };

    const [row]: PromptRow[] = await this.dataSource.query(
      `SELECT t.id AS task_id, t.kind AS task_kind, t.status, t.step_name, t.due_at, t.assignee_id,
              u.email AS assignee_email, u.name AS assignee_name, t.subject_kind, t.subject_id,
              s.name AS system_name, s.purpose AS system_purpose, s.stage, s.risk_tier, s.risk_reasons,
              b.name AS on_behalf_of_name,
              (SELECT p.delegation_reason FROM tasks p WHERE p.delegated_to_task_id = t.id) AS delegation_reason
         FROM tasks t JOIN users u ON u.id = t.assignee_id LEFT JOIN ai_systems s ON s.id = t.ai_system_id
         LEFT JOIN users b ON b.id = t.delegated_from_id
        WHERE t.id = $1`,
      [taskId],
    );
    if (!row) throw new Error(`task ${taskId} not found`);
    // Decided in the inbox before the mail went out, or closed: a link would only lead to a 409.
    // An attempt cut short earlier (worker crash, SMTP down) leaves a pending row: close it.
    if (row.status !== 'open') {
      await this.dataSource.query(`UPDATE email_outbox SET status = 'cancelled' WHERE idempotency_key = $1 AND status = 'pending'`, [key]);
      return { sent: false };
    }

    // Another subject (an SoA version, a risk acceptance) is named and described by its own record.
    const subject = row.subject_kind === 'ai_system' ? null : await describeApprovalSubject(this.dataSource.manager, row.subject_kind, row.subject_id);
    const now = this.clock.now();
    const issued = issueActionToken(this.config.actionLinkSecret);
    const actionUrl = `${this.config.publicBaseUrl}/actions/${issued.token}`;
    const mail = renderTaskPrompt({
      kind,
      taskKind: row.task_kind,
      recipientName: row.assignee_name,
      systemName: row.system_name ?? '',
      systemPurpose: row.system_purpose ?? '',
      stage: row.stage ?? '',
      riskTier: row.risk_tier,
      riskReasons: (row.risk_reasons ?? []).map((r) => r.text),
      stepName: row.step_name,
      dueAt: row.due_at ? new Date(row.due_at) : null,
      actionUrl,
      // The web application's pages, which sign the person in if needed and come back.
      inboxUrl: `${this.config.publicBaseUrl}/inbox`,
      taskUrl: `${this.config.publicBaseUrl}/tasks/${row.task_id}`,
      systemUrl: row.subject_kind === 'ai_system' ? `${this.config.publicBaseUrl}/systems/${row.subject_id}` : null,
      onBehalfOf: row.on_behalf_of_name
        ? { name: row.on_behalf_of_name, reason: row.delegation_reason ?? (kind === 'delegation' ? null : 'out of office') }
        : null,
      subject,
    });
    const messageId = `<${kind}.${taskId}@ai-governance>`;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO email_outbox (id, idempotency_key, task_id, to_address, subject, text_body, html_body, status, attempts, message_id, created_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, 'pending', 0, $7, $8) ON CONFLICT (idempotency_key) DO NOTHING`,
        [key, taskId, row.assignee_email, mail.subject, mail.text.replace(actionUrl, '[personal action link]'),
          mail.html.split(actionUrl).join('[personal action link]'), messageId, now],
      );
      await manager.query('UPDATE email_outbox SET attempts = attempts + 1 WHERE idempotency_key = $1', [key]);
      await manager.query(
        `INSERT INTO action_tokens (id, task_id, user_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [issued.id, taskId, row.assignee_id, issued.tokenHash, new Date(now.getTime() + this.config.actionLinkTtlMs), now],
      );
    });
    // A worker that dies from here on is noticed by the heartbeat timeout, so the retry (which
    // re-sends with the same Message-ID) comes in seconds rather than after the whole timeout.
    heartbeat();
    try {
      await this.mailer.send({ to: row.assignee_email, subject: mail.subject, text: mail.text, html: mail.html, messageId });
    } catch (error) {
      await this.dataSource.query('UPDATE email_outbox SET last_error = $2 WHERE idempotency_key = $1', [key, String((error as Error).message).slice(0, 500)]);
      throw error;
    }
    await this.dataSource.query(`UPDATE email_outbox SET status = 'sent', sent_at = $2 WHERE idempotency_key = $1`, [key, this.clock.now()]);
    return { sent: true };
  }
}
