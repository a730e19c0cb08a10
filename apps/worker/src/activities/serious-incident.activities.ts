import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, GOVERNANCE_POLICY } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { Clock } from '@aigov/config/clock';
import { DEFAULT_ORGANISATION, GovernancePolicy } from '@aigov/domain/governance-policy.types';
import { durationText, SERIOUS_INCIDENT_CATEGORY_TEXT, SeriousIncidentCategory } from '@aigov/domain/serious-incident';
import { compileSeriousIncidentReport, seriousIncidentReportSha256 } from '@aigov/persistence/serious-incident-report';
import type { SeriousIncidentActivities as Contract, SeriousIncidentChange, SeriousIncidentNoticeKind } from '@aigov/workflows/serious-incident.contracts';
import { writeAudit } from './audit-writer';
import { NotificationActivities } from './notification.activities';

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The serious incident clock's writes and notices. Each step is one transaction keyed by the
 * workflow's seq (projection_seq), so a retried activity writes nothing twice; the submission
 * freezes the report, compiled in the same transaction, with its SHA-256 in the audit entry.
 */
@Injectable()
export class SeriousIncidentActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationActivities,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'publicBaseUrl'>,
  ) {}

  async applySeriousIncidentChange(change: SeriousIncidentChange): ReturnType<Contract['applySeriousIncidentChange']> {
    return this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      if (change.open) {
        const o = change.open;
        // The version that ran when the event was recorded: the last deployment before it (a rollback the event caused comes after).
        const [running] = await m.query(
          `SELECT d.version FROM deployments d JOIN monitoring_events e ON e.id = $2
            WHERE d.ai_system_id = $1 AND d.deployed_at < e.received_at ORDER BY d.deployed_at DESC LIMIT 1`,
          [o.aiSystemId, o.monitoringEventId],
        );
        await m.query(
          `INSERT INTO serious_incidents (id, monitoring_event_id, ai_system_id, category, status, summary, aware_at, deadline_at, declared_by_id, declared_at,
             version_in_operation, workflow_id, projection_seq, updated_at)
           VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $11, 0, $9) ON CONFLICT (id) DO NOTHING`,
          [o.incidentId, o.monitoringEventId, o.aiSystemId, o.category, o.summary, new Date(o.awareAt), new Date(o.deadlineAt), o.declaredBy.userId, now,
            running?.version ?? null, o.workflowId],
        );
      }
      const [row] = await m.query('SELECT projection_seq, deadline_at FROM serious_incidents WHERE id = $1 FOR UPDATE', [change.incidentId]);
      if (!row) throw new Error(`serious incident ${change.incidentId} has no read-model row`);
      const msLeft = (deadline: Date) => new Date(deadline).getTime() - now.getTime();
      if (row.projection_seq >= change.seq) return { msLeft: msLeft(row.deadline_at) };

      const p = change.patch;
      const sets = ['projection_seq = $2', 'updated_at = $3'];
      const values: unknown[] = [change.incidentId, change.seq, now];
      const set = (column: string, value: unknown) => {
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      };
      if (p.category) set('category', p.category);
      if (p.deadlineAt) set('deadline_at', new Date(p.deadlineAt));
      if (p.reminded) {
        sets.push('reminders_sent = reminders_sent + 1');
        set('last_reminded_at', now);
      }
      if (p.escalated) set('escalated_at', now);
      if (p.overdue) set('overdue_at', now);
      const s = p.submission;
      if (s) {
        set('status', 'submitted');
        set('submitted_at', new Date(s.submittedAt));
        set('submission_recorded_at', now);
        set('submitted_by_id', s.byId);
        set('authority', s.authority);
        set('authority_reference', s.reference);
        set('submission_note', s.note);
        set('submitted_late', s.late);
      }
      await m.query(`UPDATE serious_incidents SET ${sets.join(', ')} WHERE id = $1`, values);
      let audit = change.audit;
      if (s) {
        const report = await compileSeriousIncidentReport(m, change.incidentId, now, this.policy.organisation ?? DEFAULT_ORGANISATION);
        const sha256 = seriousIncidentReportSha256(report!);
        await m.query('UPDATE serious_incidents SET report = $2, report_sha256 = $3 WHERE id = $1', [change.incidentId, JSON.stringify(report), sha256]);
        audit = audit.map((entry) => (entry.eventType === 'serious_incident.report_submitted' ? { ...entry, payload: { ...entry.payload, reportSha256: sha256 } } : entry));
      }
      for (const entry of audit) await writeAudit(m, change.auditStream, change.aiSystemId, entry, now);
      const [after] = await m.query('SELECT deadline_at FROM serious_incidents WHERE id = $1', [change.incidentId]);
      return { msLeft: msLeft(after.deadline_at) };
    });
  }

  async notifySeriousIncident({ key, incidentId, notice, recipients }: Parameters<Contract['notifySeriousIncident']>[0]): ReturnType<Contract['notifySeriousIncident']> {
    const [i] = await this.dataSource.query(
      `SELECT i.*, u.name AS declared_by_name FROM serious_incidents i JOIN users u ON u.id = i.declared_by_id WHERE i.id = $1`,
      [incidentId],
    );
    if (!i) throw new Error(`serious incident ${incidentId} has no read-model row`);
    const now = this.clock.now();
    const deadline = new Date(i.deadline_at);
    const left = deadline.getTime() - now.getTime();
    const text = SERIOUS_INCIDENT_CATEGORY_TEXT[i.category as SeriousIncidentCategory];
    const { subject, lead } = this.wording(notice, { deadline, left, label: text.label, authority: i.authority, late: i.submitted_late === true, declaredBy: i.declared_by_name });
    const body = [
      lead,
      '',
      `Category: ${text.label}`,
      text.basis,
      `Aware since: ${utc(new Date(i.aware_at))}`,
      `Report due: ${utc(deadline)}${i.status === 'open' ? (left >= 0 ? ` (${durationText(left)} left)` : ` (missed ${durationText(left)} ago)`) : ''}`,
      '',
      `Summary: ${i.summary}`,
      '',
      i.status === 'open'
        ? 'Download the draft report from the incident’s page, submit it to the market surveillance authority, then record the submission there (authority and reference): that stops the clock.'
        : `Submitted to ${i.authority} (reference ${i.authority_reference}) on ${utc(new Date(i.submitted_at))}.`,
      `The incident in the application: ${this.config.publicBaseUrl}/serious-incidents/${incidentId}`,
    ].join('\n');
    return this.notifications.notify({ key, recipients, systemId: i.ai_system_id, subject, text: body });
  }

  private wording(
    notice: SeriousIncidentNoticeKind,
    w: { deadline: Date; left: number; label: string; authority: string | null; late: boolean; declaredBy: string },
  ): { subject: string; lead: string } {
    const due = utc(w.deadline);
    switch (notice) {
      case 'declared':
        return { subject: `Serious incident: report due by ${due}`, lead: `${w.declaredBy} marked an incident a serious incident (EU AI Act Art. 73). The reporting clock runs from the moment the organisation became aware of it.` };
      case 'reclassified':
        return { subject: `Serious incident reclassified (${w.label}): report due by ${due}`, lead: 'The category of the serious incident changed, and with it the reporting deadline.' };
      case 'reminder':
        return { subject: `Reminder: serious incident report due in ${durationText(w.left)}`, lead: 'The report of this serious incident has not been submitted yet.' };
      case 'escalation':
        return { subject: `Escalated: serious incident report due in ${durationText(w.left)}, not submitted`, lead: 'The reporting deadline of this serious incident is close and its submission has not been recorded. You are told because the policy names you for escalation.' };
      case 'overdue':
        return { subject: `Overdue: serious incident reporting deadline ${due} missed`, lead: 'The reporting deadline passed without a recorded submission. Submit the report now; a late submission is recorded as late.' };
      case 'submitted':
        return { subject: `Serious incident report submitted${w.late ? ' late' : ''} to ${w.authority}`, lead: `The submission of the report was recorded${w.late ? ', after the deadline' : ''}; the clock has stopped.` };
    }
  }
}
