import type { components } from '../../api/schema';
import { isWithin, parseNumber, type ReviewSheet } from './plan-form';

type FollowUpKind = components['schemas']['MetricFollowUpDto']['kind'];

/** One metric of the plan as the review form holds it. */
export interface CheckDraft {
  observed: string;
  within: '' | 'yes' | 'no';
  /** false until the reviewer picks: until then the answer follows the value typed */
  withinTouched: boolean;
  note: string;
  /** `<kind>:<id>` of an open follow-up, or '' */
  followUp: string;
}

export const EMPTY_CHECK: CheckDraft = { observed: '', within: '', withinTouched: false, note: '', followUp: '' };

const field = (key: string, part: string) => `monitoringChecks.metrics.${key}.${part}`;

/** The check after a change: the within answer follows the value until the reviewer sets it. */
export function changeCheck(threshold: { value: number; direction: string }, check: CheckDraft, change: Partial<CheckDraft>): CheckDraft {
  const next = { ...check, ...change };
  if (change.within !== undefined) next.withinTouched = true;
  if (change.observed !== undefined && !next.withinTouched) {
    const value = parseNumber(change.observed);
    next.within = value === null ? '' : isWithin(threshold, value) ? 'yes' : 'no';
  }
  return next;
}

/**
 * What the form can tell before sending, keyed by the API's fields
 * (`monitoringChecks.metrics.recall.note`): every metric recorded, the answer agreeing with the
 * value, and a breach with its note and, to continue, a follow-up already open.
 */
export function checkProblems(sheet: ReviewSheet, checks: Record<string, CheckDraft>, outcome: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const metric of sheet.metrics) {
    const check = checks[metric.key] ?? EMPTY_CHECK;
    const value = parseNumber(check.observed);
    if (value === null) {
      found[field(metric.key, 'observedValue')] = 'Record the value observed, as a number.';
      continue;
    }
    if (!check.within) {
      found[field(metric.key, 'withinThreshold')] = 'Say whether it is within the threshold.';
      continue;
    }
    const within = isWithin(metric.threshold, value);
    if ((check.within === 'yes') !== within) {
      found[field(metric.key, 'withinThreshold')] = `${value} is ${within ? 'within' : 'outside'} the threshold (${metric.thresholdText}).`;
      continue;
    }
    if (!within && !check.note.trim()) found[field(metric.key, 'note')] = 'Say what happened: a note is required when a metric is outside its threshold.';
    else if (!within && outcome === 'continue' && !check.followUp) {
      found[field(metric.key, 'followUp')] = 'To continue, choose the incident, material change or PDCA item already opened for it; or remediate, roll back or retire.';
    }
  }
  return found;
}

/** The API's monitoringChecks from checks that passed checkProblems. */
export function checksBody(sheet: ReviewSheet, checks: Record<string, CheckDraft>) {
  return {
    planVersion: sheet.planVersion!,
    metrics: Object.fromEntries(
      sheet.metrics.map((metric) => {
        const check = checks[metric.key]!;
        const [kind, id] = check.followUp ? check.followUp.split(':') : [];
        return [
          metric.key,
          {
            observedValue: parseNumber(check.observed)!,
            withinThreshold: check.within === 'yes',
            ...(check.note.trim() ? { note: check.note.trim() } : {}),
            ...(check.within === 'no' && kind && id ? { followUp: { kind: kind as FollowUpKind, id } } : {}),
          },
        ];
      }),
    ),
  };
}
