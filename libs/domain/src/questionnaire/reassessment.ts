import type { LifecycleStage } from '../lifecycle-stage';

/**
 * A re-assessment asked of a system's owner when a questionnaire version that could change its
 * tier is published. `open` until answered (`completed`), until a newer version asks again
 * (`superseded`) or until the system leaves service (`cancelled`).
 */
export const REASSESSMENT_STATUSES = ['open', 'completed', 'superseded', 'cancelled'] as const;
export type ReassessmentStatus = (typeof REASSESSMENT_STATUSES)[number];

/**
 * How an answered re-assessment ended: the tier stayed (`unchanged`, recorded as the system's
 * next assessment), it changed (`change_proposed`: a reclassification change goes through
 * approval while the approved version keeps running), it found a prohibited practice
 * (`prohibited`: the change is refused and the governance office is told), or the system was
 * assessed on the version some other way (`assessed_otherwise`, e.g. a material change's assessment).
 */
export const REASSESSMENT_OUTCOMES = ['unchanged', 'change_proposed', 'prohibited', 'assessed_otherwise'] as const;
export type ReassessmentOutcome = (typeof REASSESSMENT_OUTCOMES)[number];

/** What people see: an open request past its due date is overdue. */
export const REASSESSMENT_STATES = ['open', 'overdue', 'completed', 'superseded', 'cancelled'] as const;
export type ReassessmentState = (typeof REASSESSMENT_STATES)[number];

export function reassessmentState(status: ReassessmentStatus, dueAt: Date, now: Date): ReassessmentState {
  return status === 'open' && dueAt.getTime() < now.getTime() ? 'overdue' : status;
}

/**
 * Systems with an assessed tier that a new version could change: in approval (the round runs
 * on the earlier version's answers), approved or running. Systems not yet assessed answer the
 * current version when they are; retired, rejected and retiring ones are not asked.
 */
export const REASSESSED_STAGES = ['approval', 'deployment', 'operation', 'periodic_review', 'rollback'] as const satisfies readonly LifecycleStage[];

export function isReassessedStage(stage: string): boolean {
  return (REASSESSED_STAGES as readonly string[]).includes(stage);
}

/** A changed tier goes through a material change, which the lifecycle allows only beside operation. */
export const RECLASSIFIABLE_STAGES = ['operation', 'periodic_review'] as const satisfies readonly LifecycleStage[];

/** The version label a reclassified system deploys as: its running version, marked with the questionnaire version. */
export function reclassifiedVersionLabel(runningVersion: string, questionnaireVersion: string): string {
  return `${runningVersion.split('+')[0]}+q${questionnaireVersion}`.slice(0, 100);
}

/**
 * The follow-up's next timers, as delays from `nowMs`: the reminder `remindBeforeMs` before the
 * due date (null when that falls before the publication: the request itself came too close to
 * the due date for a reminder), the due date, and the escalation (`escalateAtMs`, computed with
 * calendar arithmetic by the caller). Negative: already past.
 */
export function reassessmentTimers(
  nowMs: number,
  publishedAtMs: number,
  dueAtMs: number,
  remindBeforeMs: number,
  escalateAtMs: number,
): { remindInMs: number | null; dueInMs: number; escalateInMs: number } {
  const remindAt = dueAtMs - remindBeforeMs;
  return { remindInMs: remindAt > publishedAtMs ? remindAt - nowMs : null, dueInMs: dueAtMs - nowMs, escalateInMs: escalateAtMs - nowMs };
}
