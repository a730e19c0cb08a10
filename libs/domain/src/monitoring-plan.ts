import { parseIsoDuration } from './iso-duration';

/**
 * A post-market monitoring plan (EU AI Act Art. 72): the metrics a high-risk system is watched
 * by, each with its threshold, data source and the cadence it is checked at, the person
 * responsible, and what a result outside its threshold leads to. Plans are versioned: every
 * change is a new version, and a review records which version it checked.
 */
export const THRESHOLD_DIRECTIONS = ['at_least', 'at_most'] as const;
export type ThresholdDirection = (typeof THRESHOLD_DIRECTIONS)[number];

/** What the plan says a result outside the threshold leads to (each an existing path of the engine). */
export const BREACH_RESPONSES = ['corrective_action', 'incident', 'material_change'] as const;
export type BreachResponse = (typeof BREACH_RESPONSES)[number];

export const BREACH_RESPONSE_LABELS: Record<BreachResponse, string> = {
  corrective_action: 'a corrective action (PDCA item)',
  incident: 'an incident report and incident review',
  material_change: 'a material change (re-assessment and approval)',
};

export interface MetricThreshold {
  value: number;
  direction: ThresholdDirection;
  /** what the value is counted in: `ratio`, `%`, `ms`, `PSI` */
  unit: string;
}

export interface MonitoringPlanMetric {
  /** stable id within the plan; monitoring events name it in their `metric` field */
  key: string;
  name: string;
  /** what the metric measures, in words */
  measures: string;
  threshold: MetricThreshold;
  /** where the figure comes from (a dashboard, a job, a report) */
  dataSource: string;
  /** how often it is checked: an ISO 8601 duration such as P1D or P1M */
  cadence: string;
  onBreach: BreachResponse;
}

/** The editable part of a plan; the version, author and time are added when it is saved. */
export interface MonitoringPlanContent {
  /** the person who sees that the metrics are checked at their cadence */
  responsibleId: string;
  metrics: MonitoringPlanMetric[];
  /** how results feed back: into incidents, material changes, the risk register, the review */
  feedback: string;
}

export interface MonitoringPlanProblem {
  field: string;
  reason: string;
}

export const MONITORING_PLAN_LIMITS = {
  metrics: 30,
  key: 64,
  name: 200,
  measures: 2000,
  unit: 40,
  dataSource: 500,
  feedback: 4000,
  /** no metric is checked more often than this: a plan is read by people, not a scraper */
  shortestCadence: 'PT1M',
} as const;

const KEY = /^[a-z][a-z0-9_.-]*$/;
const MIN_CADENCE_MS = 60_000;

/** Length of a duration without calendar arithmetic, enough to refuse zero and too-short cadences. */
function roughMs(text: string): number {
  const d = parseIsoDuration(text);
  return ((d.years * 365 + d.months * 30 + d.weeks * 7 + d.days) * 24 * 60 + d.hours * 60 + d.minutes) * 60_000 + d.seconds * 1000;
}

/**
 * The first problem with a plan's content, or null. The API's DTO checks types first; this is
 * the one place that checks meaning (numeric thresholds, ISO 8601 cadences, distinct keys), so
 * the web form, the API and the unit tests agree on what a valid plan is.
 */
export function monitoringPlanProblem(plan: unknown): MonitoringPlanProblem | null {
  if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) return { field: 'plan', reason: 'must be an object' };
  const p = plan as Record<string, unknown>;
  if (typeof p.responsibleId !== 'string' || !p.responsibleId) return { field: 'responsibleId', reason: 'name the person responsible for the plan' };
  if (typeof p.feedback !== 'string' || !p.feedback.trim()) {
    return { field: 'feedback', reason: 'say how results feed back (incidents, material changes, the risk register)' };
  }
  if (p.feedback.length > MONITORING_PLAN_LIMITS.feedback) return { field: 'feedback', reason: `must be at most ${MONITORING_PLAN_LIMITS.feedback} characters` };
  if (!Array.isArray(p.metrics) || p.metrics.length === 0) return { field: 'metrics', reason: 'a plan needs at least one metric' };
  if (p.metrics.length > MONITORING_PLAN_LIMITS.metrics) return { field: 'metrics', reason: `a plan has at most ${MONITORING_PLAN_LIMITS.metrics} metrics` };
  const seen = new Set<string>();
  for (const [i, raw] of (p.metrics as unknown[]).entries()) {
    const at = `metrics.${i}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { field: at, reason: 'must be an object' };
    const m = raw as Record<string, unknown>;
    const problem = metricProblem(m, at);
    if (problem) return problem;
    if (seen.has(m.key as string)) return { field: `${at}.key`, reason: `'${m.key as string}' is the key of another metric of this plan` };
    seen.add(m.key as string);
  }
  return null;
}

function text(m: Record<string, unknown>, key: string, at: string, max: number, what: string): MonitoringPlanProblem | null {
  const value = m[key];
  if (typeof value !== 'string' || !value.trim()) return { field: `${at}.${key}`, reason: what };
  if (value.length > max) return { field: `${at}.${key}`, reason: `must be at most ${max} characters` };
  return null;
}

function metricProblem(m: Record<string, unknown>, at: string): MonitoringPlanProblem | null {
  if (typeof m.key !== 'string' || !KEY.test(m.key) || m.key.length > MONITORING_PLAN_LIMITS.key) {
    return {
      field: `${at}.key`,
      reason: `must be lower-case letters, digits, '_', '.' or '-', starting with a letter, at most ${MONITORING_PLAN_LIMITS.key} characters (monitoring events name it in 'metric')`,
    };
  }
  const texts =
    text(m, 'name', at, MONITORING_PLAN_LIMITS.name, 'name the metric') ??
    text(m, 'measures', at, MONITORING_PLAN_LIMITS.measures, 'say what the metric measures') ??
    text(m, 'dataSource', at, MONITORING_PLAN_LIMITS.dataSource, 'say where the figure comes from');
  if (texts) return texts;
  const t = m.threshold as Record<string, unknown> | undefined;
  if (typeof t !== 'object' || t === null || Array.isArray(t)) return { field: `${at}.threshold`, reason: 'give the threshold: value, direction and unit' };
  if (typeof t.value !== 'number' || !Number.isFinite(t.value)) return { field: `${at}.threshold.value`, reason: 'must be a number' };
  if (!(THRESHOLD_DIRECTIONS as readonly unknown[]).includes(t.direction)) {
    return { field: `${at}.threshold.direction`, reason: `must be one of ${THRESHOLD_DIRECTIONS.join(', ')} (the value is a floor or a ceiling)` };
  }
  const unit = text(t, 'unit', `${at}.threshold`, MONITORING_PLAN_LIMITS.unit, 'name the unit (ratio, %, ms, ...)');
  if (unit) return unit;
  if (typeof m.cadence !== 'string') return { field: `${at}.cadence`, reason: 'must be an ISO 8601 duration such as P1D, P1W or P1M' };
  let ms: number;
  try {
    ms = roughMs(m.cadence);
  } catch (error) {
    return { field: `${at}.cadence`, reason: (error as Error).message };
  }
  if (ms < MIN_CADENCE_MS) return { field: `${at}.cadence`, reason: `must be at least ${MONITORING_PLAN_LIMITS.shortestCadence}` };
  if (!(BREACH_RESPONSES as readonly unknown[]).includes(m.onBreach)) {
    return { field: `${at}.onBreach`, reason: `must be one of ${BREACH_RESPONSES.join(', ')}` };
  }
  return null;
}

/** True when the observed value meets the threshold (the boundary itself is within). */
export function isWithinThreshold(threshold: Pick<MetricThreshold, 'value' | 'direction'>, observed: number): boolean {
  return threshold.direction === 'at_least' ? observed >= threshold.value : observed <= threshold.value;
}

/** `at least 0.85 ratio`, `at most 250 ms`: the threshold as people read it. */
export function describeThreshold(threshold: MetricThreshold): string {
  return `${threshold.direction === 'at_least' ? 'at least' : 'at most'} ${threshold.value} ${threshold.unit}`;
}

/** Trimmed text, so what is stored and hashed is what the validation looked at. */
export function normaliseMonitoringPlan(plan: MonitoringPlanContent): MonitoringPlanContent {
  return {
    responsibleId: plan.responsibleId,
    feedback: plan.feedback.trim(),
    metrics: plan.metrics.map((m) => ({
      key: m.key,
      name: m.name.trim(),
      measures: m.measures.trim(),
      threshold: { value: m.threshold.value, direction: m.threshold.direction, unit: m.threshold.unit.trim() },
      dataSource: m.dataSource.trim(),
      cadence: m.cadence.trim(),
      onBreach: m.onBreach,
    })),
  };
}
