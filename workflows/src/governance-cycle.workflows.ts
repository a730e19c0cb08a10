import { allHandlersFinished, condition, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import { isoDurationToApproxMs } from '@aigov/domain/iso-duration';
import type { AuditEntry } from './activity.contracts';
import { activities } from './activity-options';
import { completeInternalAuditUpdate, governanceCycleQuery, recordManagementMinutesUpdate } from './governance-cycle.definitions';
import type { GovernanceCycleView, ManagementDecisionInput } from './governance-cycle.types';
import type { Actor } from './lifecycle.types';
import { startPdcaItem } from './pdca-item.start';
import type { PdcaItemInput } from './pdca.types';
import { conflict } from './refusal';

type FollowUpItem = ManagementDecisionInput;

/**
 * Waits until `remindIn` ms have passed or the record is closed; if not closed by then, stamps
 * the reminder (with its audit entry) and mails the people concerned once.
 */
async function remindOnce(
  remindIn: number,
  closed: () => boolean,
  stamp: () => Promise<void>,
  mail: { key: string; userIds: string[]; subject: string; text: string },
): Promise<boolean> {
  if (remindIn <= 0 || (await condition(closed, remindIn))) return false;
  await stamp();
  await activities.notify({ key: mail.key, recipients: { userIds: mail.userIds }, subject: mail.subject, text: mail.text });
  return true;
}

/** Audit entries of one governance record (a review or an audit), numbered in order. */
function auditStream(stream: string) {
  let seq = 0;
  return (eventType: string, actor: Actor | null, payload: Record<string, unknown>) => ({
    stream,
    entry: { seq: ++seq, eventType, actor, payload } satisfies AuditEntry,
  });
}

/**
 * Opens a PDCA item per decision or finding, linked to the record that raised it. The items
 * outlive that record's workflow (which ends once they are opened).
 */
async function openFollowUps(items: FollowUpItem[], source: PdcaItemInput['source'], actor: Actor): Promise<string[]> {
  const ids: string[] = [];
  for (const f of items) {
    ids.push(
      await startPdcaItem({
        kind: f.kind,
        title: f.title,
        description: f.description,
        aiSystemId: f.aiSystemId,
        source,
        ownerId: f.ownerId,
        due: { at: f.dueAt },
        createdBy: actor,
      }),
    );
  }
  return ids;
}

/**
 * A management review (ISO/IEC 42001 9.3), started by its Temporal Schedule: compiles the
 * agenda from the data, invites the participants, reminds them ahead of the meeting, and
 * closes when the minutes are recorded; each decision becomes a PDCA item.
 */
export async function managementReview(): Promise<GovernanceCycleView> {
  const reviewId = uuid4();
  const workflowId = workflowInfo().workflowId;
  const audit = auditStream(`management-review:${reviewId}`);
  const policy = (await activities.getGovernanceCyclePolicy()).managementReview;
  const state: GovernanceCycleView = { id: reviewId, status: 'scheduled', pdcaItemIds: [], reminded: false };
  /** set when minutes arrive, so a second submission is refused while the first is written */
  let recording = false;
  if (!policy) return state;

  setHandler(governanceCycleQuery, () => state);
  setHandler(
    recordManagementMinutesUpdate,
    async ({ actor, minutes, attendeeIds, decisions }) => {
      recording = true;
      const ids = await openFollowUps(decisions, { type: 'management_review', id: reviewId }, actor);
      state.pdcaItemIds.push(...ids);
      await activities.recordManagementReviewMinutes({
        reviewId,
        actor,
        minutes,
        attendeeIds,
        decisions: decisions.map((d, i) => ({ ...d, pdcaItemId: ids[i] })),
        audit: audit('management_review.minutes_recorded', actor, { attendeeIds, decisions: ids.length, pdcaItemIds: ids }),
      });
      state.status = 'held';
      return state;
    },
    { validator: (_input) => (recording ? conflict('the minutes of this management review are already recorded') : undefined) },
  );

  const convened = await activities.conveneManagementReview({
    reviewId,
    workflowId,
    noticePeriod: policy.noticePeriod,
    participants: policy.participants,
    audit: audit('management_review.convened', null, { noticePeriod: policy.noticePeriod }),
  });
  await activities.notify({
    key: `${workflowId}:invitation`,
    recipients: { userIds: convened.participantIds },
    subject: `Management review on ${convened.meetingAt.slice(0, 16).replace('T', ' ')} UTC: agenda`,
    text: `A management review of the AI management system is convened for ${convened.meetingAt}.\n\n${convened.agendaText}`,
  });
  state.reminded = await remindOnce(
    convened.meetingInMs - isoDurationToApproxMs(policy.remindBefore),
    () => recording,
    () =>
      activities.markGovernanceReminded({
        record: 'management_review',
        id: reviewId,
        audit: audit('management_review.reminded', null, { meetingAt: convened.meetingAt }),
      }),
    {
      key: `${workflowId}:reminder`,
      userIds: convened.participantIds,
      subject: `Reminder: management review on ${convened.meetingAt.slice(0, 16).replace('T', ' ')} UTC`,
      text: `The management review is held on ${convened.meetingAt}. Its agenda:\n\n${convened.agendaText}`,
    },
  );
  await condition(() => state.status === 'held' && allHandlersFinished());
  return state;
}

/**
 * An internal audit (ISO/IEC 42001 9.2), started by its Temporal Schedule: records the scope
 * (the AI inventory at that moment), notifies the auditors, reminds them before the report is
 * due, and closes with the report; each finding becomes a PDCA item.
 */
export async function internalAudit(): Promise<GovernanceCycleView> {
  const auditId = uuid4();
  const workflowId = workflowInfo().workflowId;
  const audit = auditStream(`internal-audit:${auditId}`);
  const policy = (await activities.getGovernanceCyclePolicy()).internalAudit;
  const state: GovernanceCycleView = { id: auditId, status: 'open', pdcaItemIds: [], reminded: false };
  let recording = false;
  if (!policy) return state;

  setHandler(governanceCycleQuery, () => state);
  setHandler(
    completeInternalAuditUpdate,
    async ({ actor, summary, findings }) => {
      recording = true;
      const ids = await openFollowUps(findings, { type: 'audit_finding', id: auditId }, actor);
      state.pdcaItemIds.push(...ids);
      await activities.completeInternalAudit({
        auditId,
        actor,
        summary,
        findings: findings.map((f, i) => ({ ...f, pdcaItemId: ids[i] })),
        audit: audit('internal_audit.completed', actor, { findings: ids.length, pdcaItemIds: ids }),
      });
      state.status = 'completed';
      return state;
    },
    { validator: (_input) => (recording ? conflict('this internal audit is already completed') : undefined) },
  );

  const opened = await activities.openInternalAudit({
    auditId,
    workflowId,
    dueWithin: policy.dueWithin,
    auditors: policy.auditors,
    audit: audit('internal_audit.opened', null, { dueWithin: policy.dueWithin }),
  });
  await activities.notify({
    key: `${workflowId}:opened`,
    recipients: { userIds: opened.auditorIds },
    subject: `Internal audit opened, report due ${opened.dueAt.slice(0, 10)}`,
    text: `An internal audit of the AI management system is open; the report is due on ${opened.dueAt}.\n\nScope:\n${opened.scopeText}`,
  });
  state.reminded = await remindOnce(
    opened.dueInMs - isoDurationToApproxMs(policy.remindBefore),
    () => recording,
    () => activities.markGovernanceReminded({ record: 'internal_audit', id: auditId, audit: audit('internal_audit.reminded', null, { dueAt: opened.dueAt }) }),
    {
      key: `${workflowId}:reminder`,
      userIds: opened.auditorIds,
      subject: `Reminder: internal audit report due ${opened.dueAt.slice(0, 10)}`,
      text: `The internal audit report is due on ${opened.dueAt}.\n\nScope:\n${opened.scopeText}`,
    },
  );
  await condition(() => state.status === 'completed' && allHandlersFinished());
  return state;
}
