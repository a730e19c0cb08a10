import { describeThreshold, isWithinThreshold, MetricThreshold, MonitoringPlanMetric } from './monitoring-plan';

/**
 * What a periodic review records against the system's post-market monitoring plan: for every
 * metric of the plan's current version, the value observed and whether it is within the
 * threshold. A result outside the threshold needs a note and an action: the review's own
 * remediation, rollback or retirement, or, to continue, a follow-up already opened through the
 * engine's usual paths (an incident report, a material change, a PDCA item).
 */
export const FOLLOW_UP_KINDS = ['incident', 'material_change', 'pdca_item'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export interface MetricFollowUp {
  kind: FollowUpKind;
  /** the incident's monitoring event, the material change or the PDCA item */
  id: string;
}

/** One metric as the reviewer sends it. */
export interface SubmittedMetricCheck {
  observedValue: number;
  withinThreshold: boolean;
  note?: string | null;
  followUp?: MetricFollowUp | null;
}

export interface SubmittedMonitoringChecks {
  planVersion: number;
  /** by metric key */
  metrics: Record<string, SubmittedMetricCheck>;
}

/** One metric as the review keeps it: the plan's metric as it stood, beside what was seen. */
export interface RecordedMetricCheck {
  key: string;
  name: string;
  threshold: MetricThreshold;
  observedValue: number;
  withinThreshold: boolean;
  note: string | null;
  followUp: MetricFollowUp | null;
}

export interface RecordedMonitoringChecks {
  planVersion: number;
  /** in the plan's order */
  results: RecordedMetricCheck[];
}

export interface MonitoringChecksProblem {
  field: string;
  reason: string;
  /** the review was filled in against an older version of the plan */
  stale?: true;
}

type PlanForChecks = { version: number; metrics: ReadonlyArray<Pick<MonitoringPlanMetric, 'key' | 'threshold'>> };

const NOTE_MAX = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The review outcomes that are an action in themselves: a breach needs no other follow-up. */
const ACTING_DECISIONS = ['remediate', 'rollback', 'retire'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The first problem with a review's monitoring checks against the plan, or null. Field paths
 * are those of the request body (`monitoringChecks.metrics.accuracy.observedValue`).
 */
export function monitoringChecksProblem(decision: string, plan: PlanForChecks, submitted: unknown): MonitoringChecksProblem | null {
  const root = 'monitoringChecks';
  const keys = plan.metrics.map((m) => m.key);
  if (!isObject(submitted)) {
    return { field: root, reason: `record every metric of the post-market monitoring plan (version ${plan.version}): ${keys.join(', ')}` };
  }
  if (submitted.planVersion !== plan.version) {
    return {
      field: `${root}.planVersion`,
      reason: `the review must check the plan's current version ${plan.version}${typeof submitted.planVersion === 'number' ? `, not version ${submitted.planVersion}` : ''}`,
      ...(typeof submitted.planVersion === 'number' ? { stale: true as const } : {}),
    };
  }
  const metrics = submitted.metrics;
  if (!isObject(metrics)) return { field: `${root}.metrics`, reason: `must hold one result per metric of the plan: ${keys.join(', ')}` };
  for (const key of Object.keys(metrics)) {
    if (!keys.includes(key)) return { field: `${root}.metrics.${key}`, reason: `is not a metric of plan version ${plan.version} (metrics: ${keys.join(', ')})` };
  }
  for (const metric of plan.metrics) {
    const at = `${root}.metrics.${metric.key}`;
    const check = metrics[metric.key];
    if (!isObject(check)) return { field: at, reason: 'is not recorded: give the observed value and whether it is within the threshold' };
    const problem = checkProblem(decision, metric, check, at);
    if (problem) return problem;
  }
  return null;
}

function checkProblem(decision: string, metric: Pick<MonitoringPlanMetric, 'key' | 'threshold'>, check: Record<string, unknown>, at: string): MonitoringChecksProblem | null {
  for (const key of Object.keys(check)) {
    if (!['observedValue', 'withinThreshold', 'note', 'followUp'].includes(key)) return { field: `${at}.${key}`, reason: 'is not part of a metric check' };
  }
  const observed = check.observedValue;
  if (typeof observed !== 'number' || !Number.isFinite(observed)) return { field: `${at}.observedValue`, reason: 'must be a number: the value observed' };
  if (typeof check.withinThreshold !== 'boolean') return { field: `${at}.withinThreshold`, reason: 'must be true or false' };
  const within = isWithinThreshold(metric.threshold, observed);
  if (check.withinThreshold !== within) {
    return {
      field: `${at}.withinThreshold`,
      reason: `observed ${observed} is ${within ? 'within' : 'outside'} the threshold (${describeThreshold(metric.threshold)}), so withinThreshold must be ${within}`,
    };
  }
  const note = check.note;
  if (note !== undefined && note !== null && (typeof note !== 'string' || note.length > NOTE_MAX)) {
    return { field: `${at}.note`, reason: `must be text of at most ${NOTE_MAX} characters` };
  }
  const followUp = check.followUp;
  if (followUp !== undefined && followUp !== null) {
    if (!isObject(followUp) || !(FOLLOW_UP_KINDS as readonly unknown[]).includes(followUp.kind)) {
      return { field: `${at}.followUp.kind`, reason: `must be one of ${FOLLOW_UP_KINDS.join(', ')}` };
    }
    if (typeof followUp.id !== 'string' || !UUID.test(followUp.id)) return { field: `${at}.followUp.id`, reason: 'must be the UUID of the follow-up' };
    if (Object.keys(followUp).some((k) => k !== 'kind' && k !== 'id')) return { field: `${at}.followUp`, reason: 'holds only kind and id' };
  }
  if (!within) {
    if (typeof note !== 'string' || !note.trim()) return { field: `${at}.note`, reason: 'a note is required when a metric is outside its threshold' };
    if (!ACTING_DECISIONS.includes(decision) && (followUp === undefined || followUp === null)) {
      return {
        field: `${at}.followUp`,
        reason:
          'is outside its threshold: to continue, name the incident, material change or PDCA item already opened for it; or remediate, roll back or retire',
      };
    }
  }
  return null;
}

/** The checks as the review keeps them, in the plan's order, with each metric's threshold as it stood. */
export function recordMonitoringChecks(plan: { version: number; metrics: readonly MonitoringPlanMetric[] }, submitted: SubmittedMonitoringChecks): RecordedMonitoringChecks {
  return {
    planVersion: plan.version,
    results: plan.metrics.map((metric) => {
      const check = submitted.metrics[metric.key]!;
      const note = typeof check.note === 'string' && check.note.trim() ? check.note.trim() : null;
      return {
        key: metric.key,
        name: metric.name,
        threshold: { ...metric.threshold },
        observedValue: check.observedValue,
        withinThreshold: check.withinThreshold,
        note,
        followUp: check.followUp ? { kind: check.followUp.kind, id: check.followUp.id } : null,
      };
    }),
  };
}

/**
 * The same rules over the recorded form, for the workflow's validator: it has no plan, but the
 * record carries each metric's threshold, so a breach still needs its note and its action.
 */
export function recordedMonitoringChecksProblem(decision: string, recorded: unknown): MonitoringChecksProblem | null {
  if (!isObject(recorded) || !Array.isArray(recorded.results) || recorded.results.length === 0 || !recorded.results.every(isObject)) {
    return { field: 'monitoringChecks', reason: 'must hold the plan version and one result per metric' };
  }
  const results = recorded.results as Array<Record<string, unknown>>;
  if (results.some((r) => typeof r.key !== 'string' || !isObject(r.threshold))) return { field: 'monitoringChecks', reason: 'every result names its metric and threshold' };
  const plan = { version: recorded.planVersion as number, metrics: results.map((r) => ({ key: r.key as string, threshold: r.threshold as unknown as MetricThreshold })) };
  const submitted = {
    planVersion: recorded.planVersion,
    metrics: Object.fromEntries(results.map((r) => [r.key, { observedValue: r.observedValue, withinThreshold: r.withinThreshold, note: r.note, followUp: r.followUp }])),
  };
  return monitoringChecksProblem(decision, plan, submitted);
}

/** Keys of the metrics found outside their thresholds: the review's monitoring findings. */
export function monitoringBreaches(recorded: RecordedMonitoringChecks): string[] {
  return recorded.results.filter((r) => !r.withinThreshold).map((r) => r.key);
}
