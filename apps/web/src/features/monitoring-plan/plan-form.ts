import type { components } from '../../api/schema';

export type MonitoringPlanStatus = components['schemas']['MonitoringPlanStatusView'];
export type MonitoringPlan = components['schemas']['MonitoringPlanView'];
export type SaveMonitoringPlan = components['schemas']['SaveMonitoringPlanDto'];
export type ReviewSheet = components['schemas']['ReviewSheetView'];
export type ReviewSheetMetric = components['schemas']['SheetMetricView'];

export const DIRECTIONS = [
  { value: 'at_least', label: 'At least (a floor)' },
  { value: 'at_most', label: 'At most (a ceiling)' },
] as const;
export type Direction = (typeof DIRECTIONS)[number]['value'];

export const BREACH_RESPONSES = [
  { value: 'corrective_action', label: 'A corrective action (PDCA item)' },
  { value: 'incident', label: 'An incident report and incident review' },
  { value: 'material_change', label: 'A material change (re-assessment and approval)' },
] as const;
export type BreachResponse = (typeof BREACH_RESPONSES)[number]['value'];

/** One metric as the form's inputs hold it (the threshold as typed). */
export interface MetricDraft {
  key: string;
  /** false until the key is typed: until then it follows the name */
  keyTouched: boolean;
  name: string;
  measures: string;
  thresholdValue: string;
  direction: Direction;
  unit: string;
  dataSource: string;
  cadence: string;
  onBreach: BreachResponse;
}

export interface PlanDraft {
  responsibleId: string;
  feedback: string;
  changeNote: string;
  metrics: MetricDraft[];
}

export const EMPTY_METRIC: MetricDraft = {
  key: '',
  keyTouched: false,
  name: '',
  measures: '',
  thresholdValue: '',
  direction: 'at_least',
  unit: '',
  dataSource: '',
  cadence: 'P1M',
  onBreach: 'corrective_action',
};

/** The form's starting point: the current version, or one empty metric with `me` responsible. */
export function draftOf(plan: MonitoringPlan | null, me: string): PlanDraft {
  if (!plan) return { responsibleId: me, feedback: '', changeNote: '', metrics: [{ ...EMPTY_METRIC }] };
  return {
    responsibleId: plan.responsible.id,
    feedback: plan.feedback,
    changeNote: '',
    metrics: plan.metrics.map((m) => ({
      key: m.key,
      keyTouched: true,
      name: m.name,
      measures: m.measures,
      thresholdValue: String(m.threshold.value),
      direction: m.threshold.direction as Direction,
      unit: m.threshold.unit,
      dataSource: m.dataSource,
      cadence: m.cadence,
      onBreach: m.onBreach as BreachResponse,
    })),
  };
}

/** `Recall on confirmed cases` -> `recall_on_confirmed_cases`: a key from a name. */
export function keyFromName(name: string): string {
  const key = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 64);
  return key;
}

const KEY = /^[a-z][a-z0-9_.-]*$/;
/** ISO 8601 durations as the API takes them (P1D, PT12H, P1W, P1M); the API checks the rest. */
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** A number as typed, or null: `0.85`, `-3`, `1e3`; not `` or `0,85`. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!trimmed || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

/**
 * What the form can tell before sending, keyed like the API's fields (`metrics.0.cadence`) so
 * the API's own answer lands in the same place. The API stays the judge.
 */
export function planDraftProblems(d: PlanDraft): Record<string, string> {
  const found: Record<string, string> = {};
  if (!d.responsibleId) found.responsibleId = 'Choose who is responsible for the plan.';
  if (!d.feedback.trim()) found.feedback = 'Say how results feed back: incidents, material changes, the risk register.';
  if (!d.metrics.length) found.metrics = 'Add at least one metric.';
  const keys = new Set<string>();
  d.metrics.forEach((m, i) => {
    const at = `metrics.${i}`;
    if (!m.name.trim()) found[`${at}.name`] = 'Name the metric.';
    if (!KEY.test(m.key)) found[`${at}.key`] = 'Lower-case letters, digits, _ . or -, starting with a letter.';
    else if (keys.has(m.key)) found[`${at}.key`] = 'Another metric has this key.';
    keys.add(m.key);
    if (!m.measures.trim()) found[`${at}.measures`] = 'Say what it measures.';
    if (parseNumber(m.thresholdValue) === null) found[`${at}.threshold.value`] = 'The threshold must be a number, e.g. 0.85.';
    if (!m.unit.trim()) found[`${at}.threshold.unit`] = 'Name the unit: ratio, %, ms…';
    if (!m.dataSource.trim()) found[`${at}.dataSource`] = 'Say where the figure comes from.';
    if (!DURATION.test(m.cadence.trim())) found[`${at}.cadence`] = 'An ISO 8601 duration: P1D (daily), P1W (weekly), P1M (monthly), PT6H.';
  });
  return found;
}

/** The API's body from a draft that passed planDraftProblems. */
export function planBody(d: PlanDraft, expectedVersion: number): SaveMonitoringPlan {
  return {
    responsibleId: d.responsibleId,
    feedback: d.feedback.trim(),
    ...(d.changeNote.trim() ? { changeNote: d.changeNote.trim() } : {}),
    expectedVersion,
    metrics: d.metrics.map((m) => ({
      key: m.key,
      name: m.name.trim(),
      measures: m.measures.trim(),
      threshold: { value: parseNumber(m.thresholdValue)!, direction: m.direction, unit: m.unit.trim() },
      dataSource: m.dataSource.trim(),
      cadence: m.cadence.trim(),
      onBreach: m.onBreach,
    })),
  };
}

/** Whether an observed value meets the threshold (the boundary counts as within), as the API decides. */
export function isWithin(threshold: { value: number; direction: string }, observed: number): boolean {
  return threshold.direction === 'at_least' ? observed >= threshold.value : observed <= threshold.value;
}

/** P1W -> `every week`, PT6H -> `every 6 hours`; anything else as written. */
export function cadenceText(cadence: string): string {
  const m = /^P(?:(\d+)([YMWD]))$|^PT(\d+)([HMS])$/.exec(cadence);
  if (!m) return cadence;
  const n = Number(m[1] ?? m[3]);
  const unit = { Y: 'year', M: m[1] ? 'month' : 'minute', W: 'week', D: 'day', H: 'hour', S: 'second' }[(m[2] ?? m[4]) as string]!;
  return n === 1 ? `every ${unit}` : `every ${n} ${unit}s`;
}
