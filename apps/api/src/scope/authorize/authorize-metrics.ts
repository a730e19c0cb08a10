import { Counter, Registry } from 'prom-client';
import type { AuthorizeAnswer } from '@aigov/domain/scope/authorize-decision';
import type { ScopeAction } from '@aigov/domain/scope/approved-scope';

export type CallerKind = 'gateway' | 'person';

/**
 * Prometheus counters of authorize: every decision by outcome, reason, action and caller kind
 * (a gateway, or a person testing a scope), and the audit events the denials wrote. Labels are
 * closed sets (no system ids, no gateway names), so the series stay few whatever the traffic.
 */
export class AuthorizeMetrics {
  private readonly decisions: Counter<'decision' | 'reason' | 'action' | 'caller'>;
  private readonly denialEvents: Counter<'kind'>;

  constructor(registry: Registry) {
    this.decisions = new Counter({
      name: 'aigov_authorize_decisions_total',
      help: 'Authorization decisions answered by POST /authorize, by decision (allow, deny), reason, action and caller kind (gateway, person)',
      labelNames: ['decision', 'reason', 'action', 'caller'],
      registers: [registry],
    });
    this.denialEvents = new Counter({
      name: 'aigov_authorize_denial_audit_events_total',
      help: 'Audit events written for denials: first (the first denial of a caller, system and reason in a minute) and repeated (one per such minute, counting the rest)',
      labelNames: ['kind'],
      registers: [registry],
    });
  }

  count(answer: AuthorizeAnswer, action: ScopeAction, caller: CallerKind): void {
    this.decisions.inc({ decision: answer.decision, reason: answer.reason, action, caller });
  }

  auditEvent(kind: 'first' | 'repeated'): void {
    this.denialEvents.inc({ kind });
  }
}
