import type { ApproverSelector } from './governance-policy.types';
import { addIsoDuration, isoDurationToApproxMs } from './iso-duration';

/**
 * Serious incidents (EU AI Act Art. 73, "serious incident" as defined in Art. 3(49)): an
 * incident the organisation marks serious starts a reporting clock from the moment it became
 * aware of it. The Act's outer limits depend on what happened; the report is due at once when
 * the facts are known, these are the latest dates. Pure: the workflow and the API both use it.
 */
export const SERIOUS_INCIDENT_CATEGORIES = ['general', 'death', 'widespread_or_critical_infrastructure'] as const;
export type SeriousIncidentCategory = (typeof SERIOUS_INCIDENT_CATEGORIES)[number];

export function isSeriousIncidentCategory(value: unknown): value is SeriousIncidentCategory {
  return (SERIOUS_INCIDENT_CATEGORIES as readonly unknown[]).includes(value);
}

/** The Act's latest reporting time per category, counted from awareness: 15, 10 and 2 days. */
export const ACT_REPORTING_LIMITS: Readonly<Record<SeriousIncidentCategory, string>> = {
  general: 'P15D',
  death: 'P10D',
  widespread_or_critical_infrastructure: 'P2D',
};

/**
 * The policy file's `seriousIncidents` section: how long after awareness each category's report
 * is due (never longer than the Act allows), when the owner and the governance office are
 * reminded, and when and to whom an unsubmitted report is escalated.
 */
export interface SeriousIncidentPolicy {
  deadlines: Record<SeriousIncidentCategory, string>;
  /** ISO-8601 durations before the deadline; each reminder is sent once per deadline */
  remindBefore: string[];
  /** this close to the deadline with no submission, `escalateTo` hears of it (and again when it passes) */
  escalateBefore: string;
  escalateTo: ApproverSelector;
}

/** Without a `seriousIncidents` section: the Act's limits, reminders 5 and 2 days and 12 hours ahead, admins a day ahead. */
export const DEFAULT_SERIOUS_INCIDENT_POLICY: SeriousIncidentPolicy = {
  deadlines: { ...ACT_REPORTING_LIMITS },
  remindBefore: ['P5D', 'P2D', 'PT12H'],
  escalateBefore: 'P1D',
  escalateTo: { roles: ['admin'], users: [], relations: [] },
};

/** How each category is named to people and why its deadline is what it is (our words, not the Act's text). */
export const SERIOUS_INCIDENT_CATEGORY_TEXT: Readonly<Record<SeriousIncidentCategory, { label: string; basis: string }>> = {
  general: {
    label: 'Serious incident',
    basis: 'EU AI Act Art. 73: a serious incident is reported to the market surveillance authority as soon as the link to the AI system is known, and no later than 15 days after becoming aware of it.',
  },
  death: {
    label: 'Death of a person may be involved',
    basis: 'EU AI Act Art. 73: where a person may have died, the report is due at once and no later than 10 days after becoming aware of the incident.',
  },
  widespread_or_critical_infrastructure: {
    label: 'Widespread infringement or critical infrastructure',
    basis:
      'EU AI Act Art. 73: a widespread infringement, or a serious incident that seriously and irreversibly disrupts critical infrastructure, is reported at once and no later than 2 days after becoming aware of it.',
  },
};

/** Strictness: the order of the Act's limits (15, 10, 2 days); a higher rank never has a later deadline. */
const RANK: Readonly<Record<SeriousIncidentCategory, number>> = { general: 0, death: 1, widespread_or_critical_infrastructure: 2 };

export type ReclassificationDirection = 'stricter' | 'relaxed' | 'same';

export function reclassificationDirection(from: SeriousIncidentCategory, to: SeriousIncidentCategory): ReclassificationDirection {
  return RANK[to] > RANK[from] ? 'stricter' : RANK[to] < RANK[from] ? 'relaxed' : 'same';
}

/** The reporting deadline: awareness plus the policy's time for the category (the Act's limits by default). */
export function seriousIncidentDeadline(awareAtMs: number, category: SeriousIncidentCategory, policy: Pick<SeriousIncidentPolicy, 'deadlines'>): number {
  return addIsoDuration(awareAtMs, policy.deadlines[category]);
}

export type SeriousIncidentRefusal = { kind: 'bad_request' | 'forbidden' | 'conflict'; message: string; field: string };

/**
 * Why an awareness time cannot be accepted, or null: it may lie in the past (the organisation
 * knew before the event was recorded here) but never ahead of now, since the clock runs from it.
 */
export function awarenessRefusal(awareAtMs: number, nowMs: number): SeriousIncidentRefusal | null {
  if (!Number.isFinite(awareAtMs)) return { kind: 'bad_request', message: 'must be a date and time (ISO 8601)', field: 'awareAt' };
  if (awareAtMs > nowMs) return { kind: 'bad_request', message: 'must not be in the future: the reporting clock runs from the moment the organisation became aware', field: 'awareAt' };
  return null;
}

/**
 * Why a reclassification is refused, or null. Any change needs a reason (it is audited). A
 * stricter category shortens the deadline and anyone who may act on the incident may make it.
 * Relaxing it lengthens the deadline: only the governance office may, and never once the
 * deadline was missed or the report submitted, so a missed deadline cannot be undone by a
 * change of mind.
 */
export function reclassificationRefusal(input: {
  from: SeriousIncidentCategory;
  to: unknown;
  reason: string | null | undefined;
  submitted: boolean;
  deadlineMissed: boolean;
  mayRelax: boolean;
}): SeriousIncidentRefusal | null {
  if (!isSeriousIncidentCategory(input.to)) {
    return { kind: 'bad_request', message: `must be one of ${SERIOUS_INCIDENT_CATEGORIES.join(', ')}; got ${JSON.stringify(input.to)}`, field: 'category' };
  }
  if (!input.reason || !input.reason.trim()) return { kind: 'bad_request', message: 'a reclassification needs a reason', field: 'reason' };
  if (input.submitted) return { kind: 'conflict', message: 'the report was submitted; the category can no longer change', field: 'category' };
  const direction = reclassificationDirection(input.from, input.to);
  if (direction === 'same') return { kind: 'conflict', message: `the incident is already in category '${input.from}'`, field: 'category' };
  if (direction === 'relaxed') {
    if (!input.mayRelax) return { kind: 'forbidden', message: 'only the governance office may relax the category of a serious incident (it lengthens the deadline)', field: 'category' };
    if (input.deadlineMissed) return { kind: 'conflict', message: 'the reporting deadline was missed; relaxing the category now would hide that', field: 'category' };
  }
  return null;
}

/** Why a submission is refused, or null: once only, not before awareness, not in the future. */
export function submissionRefusal(input: { submitted: boolean; submittedAtMs: number; awareAtMs: number; nowMs: number | null }): SeriousIncidentRefusal | null {
  if (input.submitted) return { kind: 'conflict', message: 'the report of this serious incident was already submitted', field: 'submittedAt' };
  if (!Number.isFinite(input.submittedAtMs)) return { kind: 'bad_request', message: 'must be a date and time (ISO 8601)', field: 'submittedAt' };
  if (input.submittedAtMs < input.awareAtMs) return { kind: 'bad_request', message: 'must not be before the organisation became aware of the incident', field: 'submittedAt' };
  if (input.nowMs !== null && input.submittedAtMs > input.nowMs) return { kind: 'bad_request', message: 'must not be in the future', field: 'submittedAt' };
  return null;
}

/** One thing the clock does: remind the owner and the governance office, escalate, or mark the deadline missed. */
export type ClockStepKind = 'reminder' | 'escalation' | 'overdue';

export interface ClockStep {
  /** milliseconds from the moment `msLeft` was measured */
  atMs: number;
  kind: ClockStepKind;
  /** unique per step within one deadline: `reminder:P2D`, `escalation`, `overdue` */
  key: string;
}

const ORDER: Record<ClockStepKind, number> = { reminder: 0, escalation: 1, overdue: 2 };

/**
 * The clock's steps for a deadline `msLeft` away, in order. A reminder whose lead time is longer
 * than the time left is skipped (the declaration notice has just told the same people); an
 * escalation already due runs at once; so does a missed deadline (msLeft <= 0).
 */
export function clockSteps(msLeft: number, policy: Pick<SeriousIncidentPolicy, 'remindBefore' | 'escalateBefore'>): ClockStep[] {
  const steps: ClockStep[] = [];
  for (const before of policy.remindBefore) {
    const at = msLeft - isoDurationToApproxMs(before);
    if (at > 0) steps.push({ atMs: at, kind: 'reminder', key: `reminder:${before}` });
  }
  if (msLeft > 0) steps.push({ atMs: Math.max(0, msLeft - isoDurationToApproxMs(policy.escalateBefore)), kind: 'escalation', key: 'escalation' });
  steps.push({ atMs: Math.max(0, msLeft), kind: 'overdue', key: 'overdue' });
  return steps.sort((a, b) => a.atMs - b.atMs || ORDER[a.kind] - ORDER[b.kind]);
}

/** "3 d 4 h", "5 h 10 min", "40 s": how long until (or since, for a negative value) a deadline. */
export function durationText(ms: number): string {
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}
