import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { decide } from '@aigov/domain/access/access';
import { DEFAULT_PDCA_POLICY } from '@aigov/domain/governance-policy.types';
import { isoDurationToApproxMs } from '@aigov/domain/iso-duration';
import { PdcaAction, pdcaActionRefusal, pdcaNextPhase, PdcaPhase, verifierConflict } from '@aigov/domain/pdca-item';
import { activities } from './activity-options';
import type { Actor } from './lifecycle.types';
import {
  completePdcaItemUpdate,
  pdcaItemStateQuery,
  planPdcaItemUpdate,
  syncPdcaItemUpdate,
  verifyPdcaItemUpdate,
} from './pdca.definitions';
import type { PdcaChange, PdcaItemInput, PdcaItemView } from './pdca.types';
import { conflict, forbidden } from './refusal';

/**
 * One PDCA item (id `pdca-item:<uuid>`): a nonconformity, corrective action or improvement
 * from plan through do and check to closed, with a durable due date. The owner is reminded
 * before the due date and when it passes; an item still open after the escalation delay is
 * escalated. A revised plan with a new due date re-arms the timers.
 */
export async function pdcaItem(input: PdcaItemInput): Promise<PdcaItemView> {
  const stream = workflowInfo().workflowId;
  let phase = 'plan' as PdcaPhase;
  let ownerId = input.ownerId;
  let completedById: string | null = null;
  let reopenCount = 0;
  let reminders = 0;
  let seq = 0;
  let auditSeq = 0;
  let persistedSeq = 0;
  let persistence: Promise<unknown> = Promise.resolve();
  /** time until due as measured by the last activity that set it, and a counter that re-arms the timers */
  let dueInMs: number | null = null;
  let deadline = 0;

  const view = (): PdcaItemView => ({ itemId: input.itemId, phase, ownerId, completedById, reopenCount, reminders, seq, persistedSeq });

  const persist = (patch: PdcaChange['patch'], entries: Array<{ eventType: string; actor: Actor | null; payload: Record<string, unknown> }>, open?: PdcaChange['open']) => {
    const change: PdcaChange = {
      itemId: input.itemId,
      seq: ++seq,
      auditStream: stream,
      patch,
      audit: entries.map((e) => ({ ...e, seq: ++auditSeq })),
      ...(open ? { open } : {}),
    };
    const run = persistence.then(() => activities.applyPdcaChange(change));
    persistence = run.then(() => {
      persistedSeq = change.seq;
    });
    return run;
  };

  const rearm = (ms: number | null) => {
    if (ms === null) return;
    dueInMs = ms;
    deadline += 1;
    reminders = 0;
  };

  // Change 1 is queued, and every handler registered, before the first await: an Update sent
  // right after the start (the API's sync) must find its handler, and must not overtake the row.
  const opened = persist({}, [
    {
      eventType: 'pdca_item.opened',
      actor: input.createdBy,
      payload: { kind: input.kind, title: input.title, source: input.source, aiSystemId: input.aiSystemId, ownerId: input.ownerId },
    },
  ], { ...input, workflowId: stream });

  const requireAction = (action: PdcaAction) => {
    const refusal = pdcaActionRefusal(phase, action);
    if (refusal) conflict(refusal, 'phase');
  };

  setHandler(pdcaItemStateQuery, view);
  setHandler(syncPdcaItemUpdate, async () => {
    await condition(() => persistedSeq >= seq);
    return view();
  });

  setHandler(
    planPdcaItemUpdate,
    async ({ actor, rootCause, action, ownerId: newOwner, dueAt }) => {
      const next = pdcaNextPhase('plan');
      const previousOwner = ownerId;
      phase = next;
      ownerId = newOwner;
      const applied = await persist(
        { phase: next, ownerId: newOwner, rootCause, plannedAction: action, ...(dueAt ? { dueAt } : {}) },
        [{ eventType: 'pdca_item.planned', actor, payload: { rootCause, action, ownerId: newOwner, previousOwnerId: previousOwner, dueAt } }],
      );
      if (dueAt) rearm(applied.dueInMs);
      if (newOwner !== previousOwner) {
        await activities.notify({
          key: `${stream}:assigned:${seq}`,
          recipients: { userIds: [newOwner] },
          systemId: input.aiSystemId,
          subject: `You own ${input.kind.replace('_', ' ')}: ${input.title}`,
          text: `You are now the owner of "${input.title}".\n\nRoot cause: ${rootCause}\nAction: ${action}\n\nRecord the action as done when it is carried out; someone else then checks that it worked.`,
        });
      }
      return view();
    },
    {
      validator: ({ actor, actorRoles }) => {
        requireAction('plan');
        const plan = decide({ id: actor.userId, roles: actorRoles }, 'pdca.plan', { ownerId });
        if (!plan.allowed) forbidden(plan.reason, plan.field);
      },
    },
  );

  setHandler(
    completePdcaItemUpdate,
    async ({ actor, note, evidence }) => {
      phase = pdcaNextPhase('complete');
      completedById = actor.userId;
      await persist(
        { phase, completion: { note, byId: actor.userId, evidence } },
        [{ eventType: 'pdca_item.action_completed', actor, payload: { note, evidence } }],
      );
      return view();
    },
    {
      validator: ({ actor }) => {
        requireAction('complete');
        const complete = decide({ id: actor.userId, roles: [] }, 'pdca.complete', { ownerId });
        if (!complete.allowed) forbidden(complete.reason, complete.field);
      },
    },
  );

  setHandler(
    verifyPdcaItemUpdate,
    async ({ actor, effective, note }) => {
      phase = pdcaNextPhase('verify', effective);
      if (!effective) reopenCount += 1;
      await persist(
        { phase, verification: { effective, note, byId: actor.userId }, ...(effective ? { closed: true } : { reopened: true }) },
        [{ eventType: effective ? 'pdca_item.closed' : 'pdca_item.reopened', actor, payload: { effective, note, reopenCount } }],
      );
      if (!effective && ownerId) {
        await activities.notify({
          key: `${stream}:reopened:${reopenCount}`,
          recipients: { userIds: [ownerId] },
          systemId: input.aiSystemId,
          subject: `Reopened: ${input.title}`,
          text: `The action for "${input.title}" was checked and found not effective:\n\n${note}\n\nPlan it again: root cause, action and due date.`,
        });
      }
      return view();
    },
    {
      validator: ({ actor }) => {
        requireAction('verify');
        const reason = verifierConflict(actor.userId, ownerId, completedById);
        if (reason) forbidden(reason, 'actor');
      },
    },
  );

  const policy = (await activities.getGovernanceCyclePolicy()).pdca ?? DEFAULT_PDCA_POLICY;
  const first = await opened;
  if (deadline === 0) rearm(first.dueInMs); // unless a plan with a new due date came first
  const remindBeforeMs = isoDurationToApproxMs(policy.remindBefore);
  const escalateAfterMs = isoDurationToApproxMs(policy.escalateAfter);

  /** One reminder step, stamped on the row and in the audit trail, then mailed. */
  const nudge = async (kind: 'reminder' | 'overdue' | 'escalation') => {
    reminders += 1;
    await persist(kind === 'escalation' ? { escalated: true } : { reminded: true }, [
      { eventType: kind === 'escalation' ? 'pdca_item.escalated' : 'pdca_item.reminded', actor: null, payload: { kind, phase } },
    ]);
    const who = kind === 'escalation' ? { selector: policy.escalateTo } : { userIds: ownerId ? [ownerId] : [] };
    const subjects = {
      reminder: `Due soon: ${input.title}`,
      overdue: `Overdue: ${input.title}`,
      escalation: `Escalated, overdue ${input.kind.replace('_', ' ')}: ${input.title}`,
    };
    await activities.notify({
      key: `${stream}:${kind}:${deadline}`,
      recipients: who,
      systemId: input.aiSystemId,
      subject: subjects[kind],
      text: `"${input.title}" (${input.kind.replace('_', ' ')}) is in phase '${phase}'.\n\n${input.description}`,
    });
  };

  // Timers: remind before the due date, again when it passes, escalate after the grace period.
  while (phase !== 'closed') {
    const armed = deadline;
    const rearmed = () => phase === 'closed' || deadline !== armed;
    const due = dueInMs ?? 0;
    const steps: Array<[number, 'reminder' | 'overdue' | 'escalation']> = [
      [due - remindBeforeMs, 'reminder'],
      [due, 'overdue'],
      [due + escalateAfterMs, 'escalation'],
    ];
    let elapsed = 0;
    for (const [at, kind] of steps) {
      // An item opened closer to its due date than the reminder lead time gets no advance reminder.
      if (kind === 'reminder' && at <= 0) continue;
      if (at > elapsed && (await condition(rearmed, at - elapsed))) break;
      elapsed = Math.max(elapsed, at);
      if (rearmed()) break;
      await nudge(kind);
    }
    await condition(rearmed);
  }
  await condition(() => persistedSeq >= seq && allHandlersFinished());
  return view();
}
