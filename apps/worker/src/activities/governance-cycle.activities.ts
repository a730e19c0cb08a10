import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { addIsoDuration } from '@aigov/domain/iso-duration';
import type { GovernanceActivities } from '@aigov/workflows/activity.contracts';
import { isAuditRecorded, writeAudit } from './audit-writer';
import { agendaText, compileManagementReviewAgenda, lastManagementReviewAt, ManagementReviewAgenda } from '@aigov/persistence/management-system-summary';
import { resolveRecipients } from './notification.activities';

type Input<K extends keyof GovernanceActivities> = Parameters<GovernanceActivities[K]>[0];

/**
 * Management reviews and internal audits: each record is inserted once (keyed by the id its
 * workflow drew), and every later step is skipped when its audit entry is already stored.
 */
@Injectable()
export class GovernanceCycleActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async conveneManagementReview({ reviewId, workflowId, noticePeriod, participants, audit }: Input<'conveneManagementReview'>) {
    return this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      const [existing] = await m.query('SELECT meeting_at, agenda, participants FROM management_reviews WHERE id = $1', [reviewId]);
      if (existing) {
        return this.convened(new Date(existing.meeting_at), existing.agenda, existing.participants, now);
      }
      const agenda = await compileManagementReviewAgenda(m, now, await lastManagementReviewAt(m));
      const people = await resolveRecipients(this.dataSource, [], participants);
      const meetingAt = new Date(addIsoDuration(now.getTime(), noticePeriod));
      await m.query(
        `INSERT INTO management_reviews (id, workflow_id, status, convened_at, meeting_at, agenda, participants)
         VALUES ($1, $2, 'scheduled', $3, $4, $5, $6)`,
        [reviewId, workflowId, now, meetingAt, JSON.stringify(agenda), JSON.stringify(people)],
      );
      await writeAudit(m, audit.stream, null, { ...audit.entry, payload: { ...audit.entry.payload, reviewId, meetingAt: meetingAt.toISOString() } }, now);
      return this.convened(meetingAt, agenda, people, now);
    });
  }

  private convened(meetingAt: Date, agenda: ManagementReviewAgenda, people: Array<{ id: string }>, now: Date) {
    return {
      meetingInMs: meetingAt.getTime() - now.getTime(),
      meetingAt: meetingAt.toISOString(),
      participantIds: people.map((p) => p.id),
      agendaText: agendaText(agenda),
    };
  }

  async recordManagementReviewMinutes({ reviewId, actor, minutes, attendeeIds, decisions, audit }: Input<'recordManagementReviewMinutes'>) {
    await this.dataSource.transaction(async (m) => {
      if (await isAuditRecorded(m, audit.stream, audit.entry.seq)) return;
      const now = this.clock.now();
      await m.query(
        `UPDATE management_reviews SET status = 'held', minutes = $2, attendee_ids = $3, decisions = $4, recorded_by_id = $5, recorded_at = $6 WHERE id = $1`,
        [reviewId, minutes, JSON.stringify(attendeeIds), JSON.stringify(decisions), actor.userId, now],
      );
      await writeAudit(m, audit.stream, null, audit.entry, now);
    });
  }

  async openInternalAudit({ auditId, workflowId, dueWithin, auditors, audit }: Input<'openInternalAudit'>) {
    return this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      let [row] = await m.query('SELECT due_at, scope, auditors FROM internal_audits WHERE id = $1', [auditId]);
      if (!row) {
        const scope = (
          await m.query(`SELECT id, name, stage, risk_tier FROM ai_systems WHERE stage NOT IN ('retired', 'rejected') ORDER BY risk_tier DESC NULLS LAST, name LIMIT 1000`)
        ).map((s: Record<string, string>) => ({ id: s.id, name: s.name, stage: s.stage, riskTier: s.risk_tier }));
        const people = await resolveRecipients(this.dataSource, [], auditors);
        const dueAt = new Date(addIsoDuration(now.getTime(), dueWithin));
        await m.query(
          `INSERT INTO internal_audits (id, workflow_id, status, opened_at, due_at, scope, auditors) VALUES ($1, $2, 'open', $3, $4, $5, $6)`,
          [auditId, workflowId, now, dueAt, JSON.stringify(scope), JSON.stringify(people)],
        );
        await writeAudit(m, audit.stream, null, { ...audit.entry, payload: { ...audit.entry.payload, auditId, scope: scope.length } }, now);
        row = { due_at: dueAt, scope, auditors: people };
      }
      const dueAt = new Date(row.due_at);
      const scope = row.scope as Array<{ name: string; stage: string; riskTier: string | null }>;
      return {
        dueInMs: dueAt.getTime() - now.getTime(),
        dueAt: dueAt.toISOString(),
        auditorIds: (row.auditors as Array<{ id: string }>).map((a) => a.id),
        scopeText: scope.map((s) => `- ${s.name} (${s.stage}, ${s.riskTier ?? 'not assessed'})`).join('\n') || '- no AI systems in scope',
      };
    });
  }

  async completeInternalAudit({ auditId, actor, summary, findings, audit }: Input<'completeInternalAudit'>) {
    await this.dataSource.transaction(async (m) => {
      if (await isAuditRecorded(m, audit.stream, audit.entry.seq)) return;
      const now = this.clock.now();
      await m.query(
        `UPDATE internal_audits SET status = 'completed', summary = $2, findings = $3, completed_by_id = $4, completed_at = $5 WHERE id = $1`,
        [auditId, summary, JSON.stringify(findings), actor.userId, now],
      );
      await writeAudit(m, audit.stream, null, audit.entry, now);
    });
  }

  async markGovernanceReminded({ record, id, audit }: Input<'markGovernanceReminded'>) {
    await this.dataSource.transaction(async (m) => {
      if (await isAuditRecorded(m, audit.stream, audit.entry.seq)) return;
      const now = this.clock.now();
      const table = record === 'management_review' ? 'management_reviews' : 'internal_audits';
      await m.query(`UPDATE ${table} SET reminded_at = $2 WHERE id = $1`, [id, now]);
      await writeAudit(m, audit.stream, null, audit.entry, now);
    });
  }
}
