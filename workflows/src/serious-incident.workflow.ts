import { allHandlersFinished, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { allows, decide } from '@aigov/domain/access/access';
import {
  ClockStep,
  clockSteps,
  reclassificationDirection,
  reclassificationRefusal,
  SeriousIncidentRefusal,
  seriousIncidentDeadline,
  submissionRefusal,
} from '@aigov/domain/serious-incident';
import type { AuditEntry } from './activity.contracts';
import type { Actor } from './lifecycle.types';
import { badRequest, conflict, forbidden } from './refusal';
import {
  reclassifySeriousIncidentUpdate,
  seriousIncidentStateQuery,
  submitSeriousIncidentReportUpdate,
  syncSeriousIncidentUpdate,
  type SeriousIncidentActivities,
  type SeriousIncidentChange,
  type SeriousIncidentClockView,
  type SeriousIncidentInput,
  type SeriousIncidentNoticeKind,
  type SeriousIncidentRecipients,
} from './serious-incident.contracts';

/** Idempotent activities retry without limit: a database or SMTP outage delays the clock's notices, never loses one. */
const activities = proxyActivities<SeriousIncidentActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

function refuse(refusal: SeriousIncidentRefusal): never {
  if (refusal.kind === 'forbidden') return forbidden(refusal.message, refusal.field);
  if (refusal.kind === 'conflict') return conflict(refusal.message, refusal.field);
  return badRequest(refusal.message, refusal.field);
}

/**
 * The reporting clock of one serious incident (EU AI Act Art. 73), id
 * `serious-incident:<monitoring event id>`. The deadline is awareness plus the policy's time for
 * the category; as it nears, the owner and the governance office are reminded at the policy's
 * offsets, the policy's escalation group hears when it is close, and when it passes the incident
 * is marked as having missed it. A stricter category shortens the deadline and re-arms the
 * timers; so does a relaxed one (governance office only, never after the deadline was missed).
 * Recording the submission stops the clock and ends the workflow.
 *
 * The policy section travels in the input, so a running clock keeps the rules it started with.
 * Timers are measured from the time each write reports (`msLeft`), not from a clock read here.
 */
export async function seriousIncidentClock(input: SeriousIncidentInput): Promise<SeriousIncidentClockView> {
  const stream = workflowInfo().workflowId;
  const { policy, ...declared } = input;
  const awareMs = Date.parse(input.awareAt);
  let category = input.category;
  let deadlineMs = seriousIncidentDeadline(awareMs, category, policy);
  let status: 'open' | 'submitted' = 'open';
  let overdue = false;
  let escalated = false;
  let remindersSent = 0;
  let submittedLate: boolean | null = null;
  let seq = 0;
  let auditSeq = 0;
  let persistedSeq = 0;
  let persistence: Promise<unknown> = Promise.resolve();
  /** time left as the last write measured it, and a counter that re-arms the timers when the deadline moves */
  let msLeft = 0;
  let generation = 0;
  /** steps done, per deadline: `reminder:P2D@<deadline ms>` */
  const done = new Set<string>();

  const iso = (ms: number) => new Date(ms).toISOString();
  const view = (): SeriousIncidentClockView => ({
    incidentId: input.incidentId,
    category,
    status,
    deadlineAt: iso(deadlineMs),
    overdue,
    escalated,
    remindersSent,
    submittedLate,
    seq,
    persistedSeq,
  });

  const entry = (eventType: string, actor: Actor | null, payload: Record<string, unknown>): AuditEntry => ({ seq: ++auditSeq, eventType, actor, payload });

  const persist = (patch: SeriousIncidentChange['patch'], audit: AuditEntry[], open?: SeriousIncidentChange['open']): Promise<{ msLeft: number }> => {
    const change: SeriousIncidentChange = { incidentId: input.incidentId, seq: ++seq, auditStream: stream, aiSystemId: input.aiSystemId, patch, audit, ...(open ? { open } : {}) };
    const run = persistence.then(() => activities.applySeriousIncidentChange(change));
    persistence = run.then(() => {
      persistedSeq = change.seq;
    });
    return run;
  };

  const people: SeriousIncidentRecipients = { userIds: [input.ownerId], selector: { roles: ['governance_office'], users: [], relations: [] } };
  const widened: SeriousIncidentRecipients = {
    userIds: [input.ownerId],
    selector: { roles: [...new Set([...policy.escalateTo.roles, 'governance_office' as const])], users: policy.escalateTo.users, relations: [] },
  };
  const notify = (notice: SeriousIncidentNoticeKind, key: string, recipients: SeriousIncidentRecipients) =>
    activities.notifySeriousIncident({ key: `${stream}:${key}`, incidentId: input.incidentId, notice, recipients });

  // The row and its first audit entry are queued, and every handler registered, before the
  // first await: the API's sync right after the start must find its handler and the row.
  const opened = persist(
    {},
    [entry('serious_incident.declared', input.declaredBy, {
      monitoringEventId: input.monitoringEventId,
      category,
      awareAt: input.awareAt,
      deadlineAt: iso(deadlineMs),
      summary: input.summary,
    })],
    { ...declared, workflowId: stream, deadlineAt: iso(deadlineMs) },
  );

  setHandler(seriousIncidentStateQuery, view);
  setHandler(syncSeriousIncidentUpdate, async () => {
    await condition(() => persistedSeq >= seq);
    return view();
  });

  setHandler(
    reclassifySeriousIncidentUpdate,
    async ({ actor, category: to, reason }) => {
      const from = category;
      const previous = deadlineMs;
      category = to;
      deadlineMs = seriousIncidentDeadline(awareMs, to, policy);
      const applied = await persist({ category: to, deadlineAt: iso(deadlineMs) }, [
        entry('serious_incident.reclassified', actor, {
          from,
          to,
          direction: reclassificationDirection(from, to),
          reason: reason.trim(),
          previousDeadlineAt: iso(previous),
          deadlineAt: iso(deadlineMs),
        }),
      ]);
      msLeft = applied.msLeft;
      generation += 1;
      await notify('reclassified', `reclassified:${seq}`, people);
      return view();
    },
    {
      validator: ({ actor, actorRoles, category: to, reason }) => {
        const subject = { id: actor.userId, roles: actorRoles };
        const may = decide(subject, 'serious_incident.declare', { ownerId: input.ownerId });
        if (!may.allowed) forbidden(may.reason, may.field);
        const refusal = reclassificationRefusal({
          from: category,
          to,
          reason,
          submitted: status === 'submitted',
          deadlineMissed: overdue,
          mayRelax: allows(subject, 'serious_incident.relax'),
        });
        if (refusal) refuse(refusal);
      },
    },
  );

  setHandler(
    submitSeriousIncidentReportUpdate,
    async ({ actor, submittedAt, authority, reference, note }) => {
      const late = Date.parse(submittedAt) > deadlineMs;
      status = 'submitted';
      submittedLate = late;
      await persist({ submission: { submittedAt, byId: actor.userId, authority, reference, note, late } }, [
        entry('serious_incident.report_submitted', actor, { submittedAt, authority, reference, note, late, category, deadlineAt: iso(deadlineMs) }),
      ]);
      await notify('submitted', 'submitted', people);
      return view();
    },
    {
      validator: ({ actor, actorRoles, submittedAt }) => {
        const may = decide({ id: actor.userId, roles: actorRoles }, 'serious_incident.submit', { ownerId: input.ownerId });
        if (!may.allowed) forbidden(may.reason, may.field);
        const refusal = submissionRefusal({ submitted: status === 'submitted', submittedAtMs: Date.parse(submittedAt), awareAtMs: awareMs, nowMs: null });
        if (refusal) refuse(refusal);
      },
    },
  );

  const first = await opened;
  if (generation === 0) msLeft = first.msLeft; // unless a reclassification measured it since
  await notify('declared', 'declared', people);

  /** One step of the clock, stamped on the row and in the audit trail, then mailed. */
  const fire = async (step: ClockStep) => {
    const deadlineAt = iso(deadlineMs);
    done.add(`${step.key}@${deadlineMs}`);
    if (step.kind === 'reminder') {
      remindersSent += 1;
      await persist({ reminded: true }, [entry('serious_incident.reminded', null, { before: step.key.slice('reminder:'.length), deadlineAt, category })]);
      await notify('reminder', `${step.key}:${deadlineAt}`, people);
    } else if (step.kind === 'escalation') {
      escalated = true;
      await persist({ escalated: true }, [entry('serious_incident.escalated', null, { deadlineAt, category, escalateTo: policy.escalateTo })]);
      await notify('escalation', `escalation:${deadlineAt}`, { userIds: [input.ownerId], selector: policy.escalateTo });
    } else {
      overdue = true;
      await persist({ overdue: true }, [entry('serious_incident.deadline_missed', null, { deadlineAt, category })]);
      await notify('overdue', 'overdue', widened);
    }
  };

  // Each pass arms the steps of the current deadline; a reclassification or the submission ends it.
  while (status === 'open') {
    const armed = generation;
    const changed = () => status !== 'open' || generation !== armed;
    const steps = clockSteps(msLeft, policy).filter((s) => !done.has(`${s.key}@${deadlineMs}`) && !(s.kind === 'overdue' && overdue));
    let elapsed = 0;
    for (const step of steps) {
      if (step.atMs > elapsed && (await condition(changed, step.atMs - elapsed))) break;
      elapsed = Math.max(elapsed, step.atMs);
      if (changed()) break;
      await fire(step);
    }
    await condition(changed);
  }
  await condition(() => persistedSeq >= seq && allHandlersFinished());
  return view();
}
