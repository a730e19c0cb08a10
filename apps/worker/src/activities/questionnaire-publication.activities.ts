import { Inject, Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, GOVERNANCE_POLICY } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { Clock } from '@aigov/config/clock';
import type { GovernancePolicy } from '@aigov/domain/governance-policy.types';
import { addIsoDuration, isoDurationToApproxMs } from '@aigov/domain/iso-duration';
import { rulesOf } from '@aigov/domain/questionnaire/questionnaire.parser';
import { DEFAULT_QUESTIONNAIRE_POLICY, ReassessmentPolicy } from '@aigov/domain/questionnaire/questionnaire-policy';
import type { QuestionnaireDefinition } from '@aigov/domain/questionnaire/questionnaire.types';
import { REASSESSED_STAGES, reassessmentTimers } from '@aigov/domain/questionnaire/reassessment';
import { MailerService } from '@aigov/notifications/mailer.service';
import { NoticeSystem, renderReassessmentNotice } from '@aigov/notifications/reassessment-notice.template';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { evaluateLiveSystems, questionnaireSha256 } from '@aigov/persistence/questionnaire-impact';
import {
  QUESTIONNAIRE_AUDIT_STREAM,
  QuestionnairePublicationActivities as Contract,
  ReassessmentNoticeKind,
  ReassessmentProgress,
  reassessmentAuditStream,
} from '@aigov/workflows/questionnaire-publication.contracts';
import { resolveRecipients } from './notification.activities';

type OutcomeInput = Parameters<Contract['applyQuestionnairePublicationOutcome']>[0];

/** Heartbeats only when running inside an activity (tests also call the methods directly). */
function heartbeat(): void {
  try {
    Context.current().heartbeat();
  } catch {
    // not in an activity context
  }
}

/** The column each notice kind stamps on the requests it covered, so none is sent twice. */
const STAMP: Record<ReassessmentNoticeKind, string> = {
  request: 'notified_at',
  reminder: 'reminded_at',
  overdue: 'overdue_at',
  escalation: 'escalated_at',
  prohibited: 'escalated_at',
};

/** Longest list of systems in one escalation mail; the rest are counted and on the overdue list. */
const ESCALATION_LIST = 50;

interface RequestRow {
  id: string;
  ai_system_id: string;
  owner_id: string;
  name: string;
  owner_name: string;
  from_tier: string | null;
  lowest_tier: string;
  highest_tier: string;
  result_tier: string | null;
  deciding_questions: string[];
  due_at: Date;
}

/**
 * The publication of a questionnaire version and the re-assessments it asks for: the round's
 * outcome applied in one transaction with its audit events, the requests' progress, and the
 * notices (request, reminder, overdue, escalation, a prohibited finding). Notices are recorded
 * in the email outbox under a key per (version, kind, recipient) before they are sent, so a
 * retried activity sends nobody a second copy.
 */
@Injectable()
export class QuestionnairePublicationActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: MailerService,
    private readonly clock: Clock,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'publicBaseUrl'>,
  ) {}

  private get reassessmentPolicy(): ReassessmentPolicy {
    return (this.policy.questionnaire ?? DEFAULT_QUESTIONNAIRE_POLICY).reassessment;
  }

  async applyQuestionnairePublicationOutcome({ versionId, round, outcome, reason }: OutcomeInput): Promise<{ published: boolean; sha256: string | null; requests: number }> {
    return this.dataSource.transaction(async (m) => {
      const [v] = await m.query(
        'SELECT id, version, status, approval_round, sha256, definition, requested_due_at FROM questionnaire_versions WHERE id = $1 FOR UPDATE',
        [versionId],
      );
      if (!v) throw new Error(`questionnaire version ${versionId} not found`);
      // A retry after the commit, or a round no longer the version's latest: nothing left to do.
      if (v.status !== 'in_approval' || v.approval_round !== round) {
        const [{ n }] = await m.query('SELECT count(*)::int AS n FROM questionnaire_reassessments WHERE version_id = $1', [versionId]);
        return { published: v.status === 'published' || v.status === 'superseded', sha256: v.sha256 ?? null, requests: n };
      }
      const now = this.clock.now();
      if (outcome !== 'approved') {
        await m.query(`UPDATE questionnaire_versions SET status = 'draft', last_outcome = $2, updated_at = $3 WHERE id = $1`, [versionId, JSON.stringify({ round, outcome, reason }), now]);
        await appendNextAuditEvent(m, {
          streamId: QUESTIONNAIRE_AUDIT_STREAM,
          eventType: `questionnaire.publication_${outcome}`,
          actorId: null,
          actorLabel: 'system',
          payload: { versionId, version: v.version, round, outcome, reason },
          occurredAt: now,
        });
        return { published: false, sha256: null, requests: 0 };
      }

      const definition = v.definition as QuestionnaireDefinition;
      const sha256 = questionnaireSha256(definition);
      const [previous] = await m.query(`SELECT version FROM questionnaire_versions WHERE status = 'published'`);
      await m.query(`UPDATE questionnaire_versions SET status = 'superseded', updated_at = $1 WHERE status = 'published'`, [now]);
      await m.query(`UPDATE questionnaire_versions SET status = 'published', is_open = false, sha256 = $2, published_at = $3, updated_at = $3 WHERE id = $1`, [versionId, sha256, now]);

      // Earlier versions' open requests: this version asks again, with its own questions.
      const superseded: Array<{ id: string; ai_system_id: string; questionnaire_version: string }> = (
        await m.query(
          `UPDATE questionnaire_reassessments SET status = 'superseded', closed_at = $1, close_reason = $2
            WHERE status = 'open' RETURNING id, ai_system_id, questionnaire_version`,
          [now, `questionnaire version ${v.version} was published and asks again`],
        )
      )[0];
      for (const r of superseded) {
        await this.auditRequest(m, r.ai_system_id, 'reassessment.superseded', { requestId: r.id, questionnaireVersion: r.questionnaire_version, by: v.version }, now);
      }

      const requested = v.requested_due_at ? new Date(v.requested_due_at) : null;
      const dueAt = requested && requested.getTime() > now.getTime() ? requested : new Date(addIsoDuration(now.getTime(), this.reassessmentPolicy.dueWithin));
      heartbeat();
      const impact = await evaluateLiveSystems(m, rulesOf(definition));
      heartbeat();
      for (const [i, s] of impact.affected.entries()) {
        const id = randomUUID();
        await m.query(
          `INSERT INTO questionnaire_reassessments (id, version_id, questionnaire_version, ai_system_id, owner_id, answered_version, from_tier, lowest_tier, highest_tier,
             deciding_questions, status, due_at, requested_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11, $12)`,
          [id, versionId, v.version, s.systemId, s.ownerId, s.answeredVersion, s.fromTier, s.lowestTier, s.highestTier, JSON.stringify(s.decidingQuestions), dueAt, now],
        );
        await this.auditRequest(
          m,
          s.systemId,
          'reassessment.requested',
          { requestId: id, questionnaireVersion: v.version, fromTier: s.fromTier, lowestTier: s.lowestTier, highestTier: s.highestTier, decidingQuestions: s.decidingQuestions, dueAt: dueAt.toISOString() },
          now,
        );
        if (i % 200 === 199) heartbeat();
      }
      await appendNextAuditEvent(m, {
        streamId: QUESTIONNAIRE_AUDIT_STREAM,
        eventType: 'questionnaire.published',
        actorId: null,
        actorLabel: 'system',
        payload: {
          versionId,
          version: v.version,
          round,
          sha256,
          replaces: previous?.version ?? null,
          evaluated: impact.evaluated,
          reassessmentsRequested: impact.affected.length,
          reassessmentsSuperseded: superseded.length,
          dueAt: impact.affected.length ? dueAt.toISOString() : null,
        },
        occurredAt: now,
      });
      return { published: true, sha256, requests: impact.affected.length };
    });
  }

  async reassessmentProgress({ versionId }: { versionId: string }): Promise<ReassessmentProgress> {
    return this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      // Assessed on this version since it asked (a material change's assessment, a resubmission): answered.
      const [answered]: [Array<{ id: string; ai_system_id: string; assessment_version: number; result_tier: string }>] = await m.query(
        `UPDATE questionnaire_reassessments r SET status = 'completed', outcome = 'assessed_otherwise', closed_at = $2,
                assessment_version = a.version, result_tier = a.risk_tier
           FROM (SELECT DISTINCT ON (ai_system_id) ai_system_id, version, risk_tier, submitted_at, template_version
                   FROM impact_assessments
                  WHERE ai_system_id IN (SELECT ai_system_id FROM questionnaire_reassessments WHERE version_id = $1 AND status = 'open')
                  ORDER BY ai_system_id, version DESC) a
          WHERE r.version_id = $1 AND r.status = 'open' AND a.ai_system_id = r.ai_system_id
            AND a.template_version = r.questionnaire_version AND a.submitted_at >= r.requested_at
          RETURNING r.id, r.ai_system_id, r.assessment_version, r.result_tier`,
        [versionId, now],
      );
      for (const r of answered) {
        await this.auditRequest(m, r.ai_system_id, 'reassessment.completed', { requestId: r.id, outcome: 'assessed_otherwise', assessmentVersion: r.assessment_version, resultTier: r.result_tier }, now);
      }
      // Out of service (retired, retiring, rejected): nothing left to re-assess.
      const [cancelled]: [Array<{ id: string; ai_system_id: string; stage: string }>] = await m.query(
        `UPDATE questionnaire_reassessments r SET status = 'cancelled', closed_at = $2, close_reason = 'the system left service (' || s.stage || ')'
           FROM ai_systems s
          WHERE r.version_id = $1 AND r.status = 'open' AND s.id = r.ai_system_id AND NOT (s.stage = ANY($3))
          RETURNING r.id, r.ai_system_id, s.stage`,
        [versionId, now, [...REASSESSED_STAGES]],
      );
      for (const r of cancelled) {
        await this.auditRequest(m, r.ai_system_id, 'reassessment.cancelled', { requestId: r.id, reason: `the system left service (${r.stage})` }, now);
      }
      const [row] = await m.query(
        `SELECT count(*) FILTER (WHERE r.status = 'open')::int AS open, min(r.due_at) AS due_at, v.published_at
           FROM questionnaire_versions v LEFT JOIN questionnaire_reassessments r ON r.version_id = v.id
          WHERE v.id = $1 GROUP BY v.published_at`,
        [versionId],
      );
      const policy = this.reassessmentPolicy;
      const due = row?.due_at ? new Date(row.due_at).getTime() : now.getTime();
      const publishedAt = row?.published_at ? new Date(row.published_at).getTime() : now.getTime();
      const timers = reassessmentTimers(now.getTime(), publishedAt, due, isoDurationToApproxMs(policy.remindBefore), addIsoDuration(due, policy.escalateAfterDue));
      return { open: row?.open ?? 0, ...timers };
    });
  }

  async sendReassessmentNotices({ versionId, kind, owners }: { versionId: string; kind: ReassessmentNoticeKind; owners: number }): Promise<{ sent: number; remaining: number }> {
    const [v] = await this.dataSource.query('SELECT version, note, definition FROM questionnaire_versions WHERE id = $1', [versionId]);
    if (!v) throw new Error(`questionnaire version ${versionId} not found`);
    const texts = new Map(((v.definition as QuestionnaireDefinition | null)?.questions ?? []).map((q) => [q.id, q.text]));
    const stamp = STAMP[kind];
    const now = this.clock.now();
    // prohibited: answered requests not yet reported; the others: open ones without this notice (overdue ones only once due).
    const which =
      kind === 'prohibited'
        ? `r.status = 'completed' AND r.outcome = 'prohibited' AND r.escalated_at IS NULL`
        : `r.status = 'open' AND r.${stamp} IS NULL${kind === 'overdue' || kind === 'escalation' ? ' AND r.due_at <= $2' : ''}`;
    const params = kind === 'overdue' || kind === 'escalation' ? [versionId, now] : [versionId];
    const rows: RequestRow[] = await this.dataSource.query(
      `SELECT r.id, r.ai_system_id, r.owner_id, s.name, u.name AS owner_name, r.from_tier, r.lowest_tier, r.highest_tier, r.result_tier, r.deciding_questions, r.due_at
         FROM questionnaire_reassessments r JOIN ai_systems s ON s.id = r.ai_system_id JOIN users u ON u.id = r.owner_id
        WHERE r.version_id = $1 AND ${which}
        ORDER BY r.due_at, s.name, r.id`,
      params,
    );
    if (rows.length === 0) return { sent: 0, remaining: 0 };
    const base = this.config.publicBaseUrl;
    const system = (r: RequestRow, url: string, withOwner: boolean): NoticeSystem => ({
      name: r.name,
      fromTier: r.from_tier,
      lowestTier: kind === 'prohibited' ? (r.result_tier ?? 'prohibited') : r.lowest_tier,
      highestTier: kind === 'prohibited' ? (r.result_tier ?? 'prohibited') : r.highest_tier,
      questions: kind === 'prohibited' ? [] : r.deciding_questions.map((id) => texts.get(id) ?? id),
      url,
      ...(withOwner ? { ownerName: r.owner_name } : {}),
    });
    const mail = { questionnaireVersion: v.version as string, note: (v.note as string | null) ?? null, dueAt: new Date(rows[0].due_at) };

    let sent = 0;
    if (kind === 'escalation' || kind === 'prohibited') {
      // The governance office (escalateTo) hears once per kind and version, with the list; a prohibited finding also goes to its owner.
      const people = await resolveRecipients(this.dataSource, [], this.reassessmentPolicy.escalateTo);
      const listUrl = kind === 'escalation' ? `${base}/questionnaire/reassessments?state=overdue&version=${encodeURIComponent(v.version)}` : `${base}/questionnaire/reassessments?version=${encodeURIComponent(v.version)}`;
      const systems = rows.slice(0, ESCALATION_LIST).map((r) => system(r, `${base}/systems/${r.ai_system_id}`, true));
      const scope = kind === 'prohibited' ? rows.map((r) => r.id).sort().join(',') : 'all';
      for (const person of people) {
        const rendered = renderReassessmentNotice({ ...mail, kind, recipientName: person.name, systems, more: Math.max(rows.length - ESCALATION_LIST, 0), listUrl });
        if (await this.sendOnce(`reassessment:${versionId}:${kind}:${scope}:${person.id}`, person.email, rendered)) sent += 1;
      }
      if (kind === 'prohibited') {
        for (const r of rows) {
          const [owner] = await this.dataSource.query('SELECT id, email, name FROM users WHERE id = $1 AND active', [r.owner_id]);
          if (!owner) continue;
          const rendered = renderReassessmentNotice({ ...mail, kind, recipientName: owner.name, systems: [system(r, `${base}/systems/${r.ai_system_id}`, false)], more: 0, listUrl: `${base}/systems/${r.ai_system_id}` });
          if (await this.sendOnce(`reassessment:${versionId}:prohibited:${r.id}:${owner.id}`, owner.email, rendered)) sent += 1;
        }
      }
      await this.stamp(rows, stamp, kind === 'escalation' ? 'reassessment.escalated' : null, now);
      return { sent, remaining: 0 };
    }

    // Owners: one mail per owner listing their systems, `owners` owners per call.
    const byOwner = new Map<string, RequestRow[]>();
    for (const r of rows) byOwner.set(r.owner_id, [...(byOwner.get(r.owner_id) ?? []), r]);
    const batch = [...byOwner.entries()].slice(0, owners);
    for (const [ownerId, theirs] of batch) {
      const [owner] = await this.dataSource.query('SELECT email, name FROM users WHERE id = $1 AND active', [ownerId]);
      if (owner) {
        const rendered = renderReassessmentNotice({
          ...mail,
          kind,
          recipientName: owner.name,
          systems: theirs.map((r) => system(r, `${base}/systems/${r.ai_system_id}/reassessment`, false)),
          more: 0,
          listUrl: `${base}/inbox`,
        });
        if (await this.sendOnce(`reassessment:${versionId}:${kind}:${ownerId}`, owner.email, rendered)) sent += 1;
      }
      // An inactive owner gets no mail; the request stays open and reaches the governance office when overdue.
      await this.stamp(theirs, stamp, kind === 'overdue' ? 'reassessment.overdue' : null, now);
      heartbeat();
    }
    return { sent, remaining: Math.max(byOwner.size - batch.length, 0) };
  }

  /** Marks the requests a notice covered, with an audit event per system where the notice matters to an auditor. */
  private async stamp(rows: RequestRow[], column: string, eventType: string | null, now: Date): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`UPDATE questionnaire_reassessments SET ${column} = $2 WHERE id = ANY($1::uuid[]) AND ${column} IS NULL`, [rows.map((r) => r.id), now]);
      if (eventType) {
        for (const r of rows) await this.auditRequest(m, r.ai_system_id, eventType, { requestId: r.id, dueAt: new Date(r.due_at).toISOString() }, now);
      }
    });
  }

  /**
   * Records the mail under its key, then sends it; a key already sent is skipped. A crash after
   * SMTP accepted but before the row is marked resends under the same Message-ID.
   */
  private async sendOnce(key: string, to: string, mail: { subject: string; text: string; html: string }): Promise<boolean> {
    const messageId = `<${Buffer.from(key).toString('base64url').slice(0, 180)}@ai-governance>`;
    await this.dataSource.query(
      `INSERT INTO email_outbox (id, idempotency_key, task_id, to_address, subject, text_body, html_body, status, attempts, message_id, created_at)
       VALUES (gen_random_uuid(), $1, NULL, $2, $3, $4, $5, 'pending', 0, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING`,
      [key, to, mail.subject, mail.text, mail.html, messageId, this.clock.now()],
    );
    const [claimed] = (await this.dataSource.query(
      `UPDATE email_outbox SET attempts = attempts + 1 WHERE idempotency_key = $1 AND status = 'pending' RETURNING id`,
      [key],
    )) as [Array<{ id: string }>, number];
    if (claimed.length === 0) return false;
    heartbeat();
    try {
      await this.mailer.send({ to, subject: mail.subject, text: mail.text, html: mail.html, messageId });
    } catch (error) {
      await this.dataSource.query('UPDATE email_outbox SET last_error = $2 WHERE idempotency_key = $1', [key, String((error as Error).message).slice(0, 500)]);
      throw error;
    }
    await this.dataSource.query(`UPDATE email_outbox SET status = 'sent', sent_at = $2 WHERE idempotency_key = $1`, [key, this.clock.now()]);
    return true;
  }

  private async auditRequest(m: EntityManager, systemId: string, eventType: string, payload: Record<string, unknown>, now: Date): Promise<void> {
    await appendNextAuditEvent(m, { streamId: reassessmentAuditStream(systemId), eventType, actorId: null, actorLabel: 'system', aiSystemId: systemId, payload, occurredAt: now });
  }
}
