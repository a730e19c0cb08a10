import type { ScenarioResult } from './scenarios/bench-types';

const fmt = (value: number | undefined, unit = ''): string => (value === undefined || Number.isNaN(value) ? '' : `${value}${unit ? ` ${unit}` : ''}`);

/** One row per metric: value, baseline, ratio and whether the target was met. */
export function printTable(results: ScenarioResult[]): void {
  const rows: string[][] = [['scenario', 'metric', 'value', 'baseline', 'ratio', 'target']];
  for (const r of results) {
    for (const m of r.metrics) {
      rows.push([
        r.scenario,
        m.name,
        fmt(m.value, m.unit),
        m.baseline ? `${fmt(m.baseline.value, m.baseline.unit)} (${m.baseline.name})` : '',
        m.ratio === undefined ? '' : `${m.ratio}x`,
        m.target ? `${m.target}: ${m.met ? 'met' : 'NOT met'}` : '',
      ]);
    }
  }
  const widths = rows[0].map((_, c) => Math.min(70, Math.max(...rows.map((row) => row[c].length))));
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => cell.slice(0, 70).padEnd(widths[c])).join(' | '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  }
  for (const r of results) for (const note of r.notes) console.log(`  ${r.scenario}: ${note}`);
}
