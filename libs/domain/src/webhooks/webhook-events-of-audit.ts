import type { WebhookEventType } from './webhook-event-types';

/** An audit entry as the worker's activities write it (the subset the mapping reads). */
export interface AuditFact {
  eventType: string;
  payload: Record<string, unknown>;
  actor: { userId: string | null; label: string } | null;
  aiSystemId: string | null;
}

/** A webhook event derived from a fact: its type and the `data` member of the delivered body. */
export interface DerivedWebhookEvent {
  type: WebhookEventType;
  data: Record<string, unknown>;
}

const ROLLBACK_ACTIONS = new Set(['rollback', 'review_rollback']);

const actorOf = (fact: AuditFact) => (fact.actor ? { id: fact.actor.userId, label: fact.actor.label } : null);

/** Only what is named here leaves the system: an audit payload may hold comments and answers. */
function pick(payload: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (payload[key] !== undefined) out[key] = payload[key];
  return out;
}

/**
 * The webhook events an audit entry reports. Every fact a subscription can ask for is already
 * an audit event written by an activity in the transaction that records the fact, so deriving
 * the webhook events there puts them in that same transaction (the outbox), with no change to
 * any workflow's commands. Pure: the worker calls it, the unit spec pins it.
 *
 * Approval comments, review answers and reasons typed by people are not sent: a subscriber
 * gets what happened and who did it, and reads the rest through the API with its own rights.
 */
export function webhookEventsOfAudit(fact: AuditFact): DerivedWebhookEvent[] {
  const p = fact.payload ?? {};
  const system = fact.aiSystemId ? { aiSystemId: fact.aiSystemId } : {};
  switch (fact.eventType) {
    case 'ai_system.stage_changed': {
      const events: DerivedWebhookEvent[] = [
        { type: 'ai_system.stage_changed', data: { ...system, ...pick(p, ['action', 'from', 'to']), actor: actorOf(fact) } },
      ];
      if (typeof p.action === 'string' && ROLLBACK_ACTIONS.has(p.action)) {
        // Every rollback is reported; one that leaves no version running is also a suspension.
        const data = { ...system, action: p.action, fromVersion: p.fromVersion ?? null, toVersion: p.toVersion ?? null, actor: actorOf(fact) };
        events.push({ type: 'ai_system.rolled_back', data });
        if (data.toVersion === null) events.push({ type: 'ai_system.suspended', data });
      }
      // The lifecycle records a round's outcome as the stage change it causes (round and outcome in the payload).
      if (typeof p.round === 'number' && typeof p.outcome === 'string') {
        events.push({ type: 'approval.round_settled', data: { ...system, subject: 'ai_system', round: p.round, outcome: p.outcome, stage: p.to ?? null } });
      }
      return events;
    }
    case 'approval.decided':
      return [{ type: 'approval.decided', data: { ...system, ...pick(p, ['round', 'step', 'taskId', 'decision']), actor: actorOf(fact) } }];
    case 'incident_review.opened':
      return [{ type: 'incident.opened', data: { ...system, ...pick(p, ['eventId', 'pdcaItemId', 'fromVersion', 'toVersion']) } }];
    case 'review.overdue_reminded':
    case 'review.escalated':
      return [{ type: 'review.overdue', data: { ...system, ...pick(p, ['taskId', 'cycle']), escalated: fact.eventType === 'review.escalated' } }];
    default:
      // A material change's round ends as material_change.<status> with its round and outcome.
      if (fact.eventType.startsWith('material_change.') && typeof p.round === 'number' && typeof p.outcome === 'string') {
        return [
          {
            type: 'approval.round_settled',
            data: { ...system, subject: 'material_change', ...pick(p, ['changeId', 'version']), round: p.round, outcome: p.outcome, status: fact.eventType.slice('material_change.'.length) },
          },
        ];
      }
      return [];
  }
}

/** The audit event types that can yield a webhook event: the worker skips every other entry at once. */
export function mayYieldWebhookEvent(eventType: string): boolean {
  return (
    eventType === 'ai_system.stage_changed' ||
    eventType === 'approval.decided' ||
    eventType === 'incident_review.opened' ||
    eventType === 'review.overdue_reminded' ||
    eventType === 'review.escalated' ||
    eventType.startsWith('material_change.')
  );
}
