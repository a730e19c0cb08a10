import { humanize } from '../../app/format';
import type { ChartOption } from './echarts';
import type { Dashboard } from './dashboard-queries';

/**
 * The dashboard's charts as ECharts options, built from the API's figures (pure, unit-tested).
 * Colours: the tiers from calm to alarming, each distinct in lightness too, so they still read
 * apart without colour vision; every chart has its figures as a table beside it for screen readers.
 */

export const TIERS = ['minimal', 'limited', 'high', 'prohibited', 'none'] as const;
export const TIER_LABELS: Record<string, string> = { minimal: 'Minimal', limited: 'Limited', high: 'High', prohibited: 'Prohibited', none: 'Not assessed' };
const TIER_COLOURS: Record<string, string> = { minimal: '#2e7d4f', limited: '#d9a21b', high: '#c0392b', prohibited: '#5c0e1b', none: '#9aa3b0' };
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const SEVERITY_COLOURS: Record<string, string> = { low: '#8fb0dc', medium: '#d9a21b', high: '#e0662a', critical: '#a4161a' };
const BRAND = '#1f4fa8';
const BRAND_LIGHT = '#8fb0dc';
const INK = '#1b1f24';

/** Stages a system leaves only by retiring: time in them says nothing about flow. */
const RESTING_STAGES = new Set(['retired', 'rejected']);

export const stageLabel = (stage: string) => humanize(stage);
// Made once: a formatter costs far more to make than to use, and the charts and tables label 48 dates.
let months: Intl.DateTimeFormat | undefined;
let days: Intl.DateTimeFormat | undefined;
export const monthLabel = (month: string) => (months ??= new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit', timeZone: 'UTC' })).format(new Date(`${month}-01T00:00:00Z`));
export const weekLabel = (day: string) => (days ??= new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' })).format(new Date(`${day}T00:00:00Z`));

/** What every chart shares: no animation (the figures are there at once; motion helps nobody here), canvas tooltips. */
function base(): ChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', color: INK },
    // Rich text is drawn on the canvas: HTML tooltips would carry inline style attributes the CSP refuses.
    tooltip: { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' } },
    legend: { top: 0, left: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 64, bottom: 8 },
  };
}

/** Systems per stage, stacked by tier; each bar segment opens the inventory filtered to it. */
export function stagesByTierOption(d: Dashboard): ChartOption {
  const stages = d.byStage.map((s) => s.stage);
  const count = (stage: string, tier: string) => d.byStageAndTier.find((p) => p.stage === stage && p.tier === tier)?.count ?? 0;
  return {
    ...base(),
    xAxis: { type: 'category', data: stages.map(stageLabel), axisLabel: { interval: 0, rotate: 35 } },
    yAxis: { type: 'value', minInterval: 1, name: 'systems' },
    series: TIERS.filter((tier) => d.byStageAndTier.some((p) => p.tier === tier)).map((tier) => ({
      type: 'bar',
      // the id names the tier, so a click knows which segment it was (the data index names the stage)
      id: tier,
      name: TIER_LABELS[tier],
      stack: 'tier',
      itemStyle: { color: TIER_COLOURS[tier] },
      data: stages.map((stage) => count(stage, tier)),
    })),
  };
}

/** Systems per tier. */
export function tiersOption(d: Dashboard): ChartOption {
  return {
    ...base(),
    legend: { show: false },
    grid: { left: 8, right: 24, top: 8, bottom: 8 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: d.byTier.map((t) => TIER_LABELS[t.tier] ?? t.tier) },
    series: [
      {
        type: 'bar',
        name: 'Systems',
        label: { show: true, position: 'right' },
        data: d.byTier.map((t) => ({ value: t.count, itemStyle: { color: TIER_COLOURS[t.tier] } })),
      },
    ],
  };
}

/** The stages time in stage is shown for: those a system moves on from. */
export function flowStages(d: Dashboard): Dashboard['timeInStage'] {
  return d.timeInStage.filter((t) => !RESTING_STAGES.has(t.stage));
}

/** Median days in each stage: for the systems there now, and for the stays that ended in the last twelve months. */
export function timeInStageOption(d: Dashboard): ChartOption {
  const rows = flowStages(d);
  return {
    ...base(),
    xAxis: { type: 'category', data: rows.map((r) => stageLabel(r.stage)), axisLabel: { interval: 0, rotate: 35 } },
    yAxis: { type: 'value', name: 'days' },
    series: [
      { type: 'bar', name: 'Median, systems there now', itemStyle: { color: BRAND }, data: rows.map((r) => r.current.medianDays ?? 0) },
      { type: 'bar', name: 'Median, stays ended (12 months)', itemStyle: { color: BRAND_LIGHT }, data: rows.map((r) => r.completed.medianDays ?? 0) },
    ],
  };
}

/** Approval rounds decided per month (bars) and days from entering approval to the decision (lines). */
export function leadTimeOption(d: Dashboard): ChartOption {
  const months = d.approvalLeadTime;
  return {
    ...base(),
    xAxis: { type: 'category', data: months.map((m) => monthLabel(m.month)) },
    yAxis: [
      { type: 'value', name: 'days', position: 'left' },
      { type: 'value', name: 'decisions', position: 'right', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: 'Decisions', yAxisIndex: 1, itemStyle: { color: '#c9d6ee' }, data: months.map((m) => m.decisions) },
      { type: 'line', name: 'Median days', itemStyle: { color: BRAND }, lineStyle: { width: 3 }, connectNulls: false, data: months.map((m) => m.medianDays) },
      { type: 'line', name: '90th percentile days', itemStyle: { color: '#b35c00' }, lineStyle: { type: 'dashed' }, connectNulls: false, data: months.map((m) => m.p90Days) },
    ],
  };
}

/** Monitoring events per week by severity (stacked) and rollbacks (a line). */
export function operationsOption(d: Dashboard): ChartOption {
  const weeks = d.operations;
  return {
    ...base(),
    xAxis: { type: 'category', data: weeks.map((w) => weekLabel(w.weekStart)), axisLabel: { interval: 1 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      ...SEVERITIES.map((severity) => ({
        type: 'bar' as const,
        name: `${humanize(severity)} events`,
        stack: 'events',
        itemStyle: { color: SEVERITY_COLOURS[severity] },
        data: weeks.map((w) => w.bySeverity[severity]),
      })),
      { type: 'line', name: 'Rollbacks', itemStyle: { color: INK }, lineStyle: { width: 3 }, symbolSize: 8, data: weeks.map((w) => w.rollbacks) },
    ],
  };
}

/** Open PDCA items by how long they have been open: within their due date, and overdue. */
export function pdcaOption(d: Dashboard): ChartOption {
  const buckets = d.pdca.byAge;
  return {
    ...base(),
    xAxis: { type: 'category', data: buckets.map((b) => `${b.bucket} days`) },
    yAxis: { type: 'value', minInterval: 1, name: 'items' },
    series: [
      { type: 'bar', name: 'Open, not overdue', stack: 'pdca', itemStyle: { color: BRAND_LIGHT }, data: buckets.map((b) => b.open - b.overdue) },
      { type: 'bar', name: 'Overdue', stack: 'pdca', itemStyle: { color: '#a4161a' }, data: buckets.map((b) => b.overdue) },
    ],
  };
}

/** One sentence per chart for its accessible name: the gist, the table beside it has the rest. */
export function stagesSummary(d: Dashboard): string {
  const busiest = [...d.byStage].sort((a, b) => b.count - a.count).filter((s) => s.count > 0);
  return `Bar chart of ${d.total} AI systems by lifecycle stage and risk tier${busiest.length ? `; most are in ${stageLabel(busiest[0].stage).toLowerCase()} (${busiest[0].count})` : ''}.`;
}
