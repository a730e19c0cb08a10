/**
 * A strict reading of the Prometheus text exposition format 0.0.4, for tests: every line is a
 * HELP, a TYPE or a sample; a family's TYPE comes once and before its samples; names and label
 * sets are well-formed; values are numbers; a histogram's buckets rise with `le`, end at +Inf, and
 * +Inf equals its _count. Throws naming the first line that breaks a rule.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  types: Map<string, string>;
  samples: Sample[];
  /** the value of the one sample with this name whose labels include these; undefined when none */
  value(name: string, labels?: Record<string, string>): number | undefined;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: (-?\\d+))?$`);
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(?:,|$)/;
// Prometheus reads values with Go's ParseFloat: NaN and Inf in any case (prom-client writes `Nan`).
const NUMBER = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?inf|nan)$/i;
const SUFFIXES: Record<string, string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count', ''], counter: ['', '_total'] };

function toNumber(text: string): number {
  if (/^nan$/i.test(text)) return NaN;
  if (/^[+-]?inf$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return Number(text);
}

function parseLabels(text: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length) {
    const match = LABEL.exec(rest);
    if (!match) throw new Error(`line ${line}: malformed labels {${text}}`);
    if (match[1] in labels) throw new Error(`line ${line}: label ${match[1]} repeated`);
    labels[match[1]] = match[2].replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    rest = rest.slice(match[0].length);
  }
  return labels;
}

function familyOf(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name;
  for (const [family, type] of types) {
    if ((SUFFIXES[type] ?? ['']).some((suffix) => suffix && name === family + suffix)) return family;
  }
  return undefined;
}

export function parsePrometheusText(text: string): Exposition {
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const withSamples = new Set<string>();
  const samples: Sample[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw === '') return;
    if (raw.startsWith('#')) {
      const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
      if (!meta) return; // a comment
      const [, kind, name, rest] = meta;
      if (!new RegExp(`^${NAME}$`).test(name)) throw new Error(`line ${line}: bad metric name ${name}`);
      if (kind === 'HELP') {
        if (helps.has(name)) throw new Error(`line ${line}: second HELP for ${name}`);
        helps.add(name);
      } else {
        if (types.has(name)) throw new Error(`line ${line}: second TYPE for ${name}`);
        if (withSamples.has(name)) throw new Error(`line ${line}: TYPE for ${name} after its samples`);
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest)) throw new Error(`line ${line}: bad type ${rest}`);
        types.set(name, rest);
      }
      return;
    }
    const match = SAMPLE.exec(raw);
    if (!match) throw new Error(`line ${line}: not a sample: ${raw}`);
    const [, name, labelText, valueText] = match;
    if (!NUMBER.test(valueText)) throw new Error(`line ${line}: bad value ${valueText}`);
    const family = familyOf(name, types) ?? name;
    withSamples.add(family);
    samples.push({ name, labels: labelText ? parseLabels(labelText, line) : {}, value: toNumber(valueText) });
  });
  checkHistograms(types, samples);
  const value = (name: string, labels: Record<string, string> = {}) => {
    const hits = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    if (hits.length > 1) throw new Error(`${hits.length} samples of ${name} match ${JSON.stringify(labels)}`);
    return hits[0]?.value;
  };
  return { types, samples, value };
}

function checkHistograms(types: Map<string, string>, samples: Sample[]): void {
  for (const [family, type] of types) {
    if (type !== 'histogram') continue;
    const series = new Map<string, Sample[]>();
    for (const s of samples.filter((x) => x.name === `${family}_bucket`)) {
      const { le, ...rest } = s.labels;
      if (le === undefined) throw new Error(`${family}_bucket without le`);
      const key = JSON.stringify(rest);
      series.set(key, [...(series.get(key) ?? []), s]);
    }
    for (const [key, buckets] of series) {
      const les = buckets.map((b) => toNumber(b.labels.le));
      if (les[les.length - 1] !== Infinity) throw new Error(`${family}${key}: last bucket is not +Inf`);
      for (let i = 1; i < buckets.length; i++) {
        if (les[i] <= les[i - 1] || buckets[i].value < buckets[i - 1].value) throw new Error(`${family}${key}: buckets do not rise at le=${les[i]}`);
      }
      const count = samples.find((s) => s.name === `${family}_count` && JSON.stringify(s.labels) === key);
      if (count?.value !== buckets[buckets.length - 1].value) throw new Error(`${family}${key}: _count ${count?.value} differs from the +Inf bucket`);
    }
  }
}
