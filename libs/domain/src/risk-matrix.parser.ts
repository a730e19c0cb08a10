import { fieldChecks, POLICY_WORDS } from './field-checks';
import { PolicyValidationError } from './governance-policy.types';
import { DEFAULT_RISK_MATRIX, RISK_SCORINGS, RiskBand, RiskMatrix, RiskScoring, scoreRange } from './risk-matrix';

const FIELD = 'riskMatrix';
const LEVEL_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const MIN_LEVELS = 2;
const MAX_LEVELS = 10;

const { fail, object: mapping } = fieldChecks((field, reason) => {
  throw new PolicyValidationError(field, reason);
}, POLICY_WORDS);

function levels(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) return fail(field, 'must be a list of level names, lowest first');
  if (value.length < MIN_LEVELS || value.length > MAX_LEVELS) fail(field, `must name between ${MIN_LEVELS} and ${MAX_LEVELS} levels, got ${value.length}`);
  value.forEach((name, i) => {
    if (typeof name !== 'string' || !LEVEL_NAME.test(name)) fail(`${field}[${i}]`, `must be a short identifier (lower-case letters, digits, _), got ${JSON.stringify(name)}`);
    if (value.indexOf(name) !== i) fail(`${field}[${i}]`, `'${name}' is used by an earlier level`);
  });
  return value as string[];
}

function band(value: unknown, field: string): RiskBand {
  const o = mapping(value, field, ['rating', 'min', 'max']);
  if (typeof o.rating !== 'string' || !LEVEL_NAME.test(o.rating)) fail(`${field}.rating`, `must be a short identifier such as high, got ${JSON.stringify(o.rating)}`);
  for (const key of ['min', 'max'] as const) {
    if (!Number.isInteger(o[key])) fail(`${field}.${key}`, `must be a whole number, got ${JSON.stringify(o[key])}`);
  }
  if ((o.min as number) > (o.max as number)) fail(`${field}.min`, `${o.min} is above max ${o.max}`);
  return { rating: o.rating as string, min: o.min as number, max: o.max as number };
}

/**
 * The `riskMatrix` section of the policy file; the default 5 x 5 matrix when absent. The bands,
 * lowest first, must cover every score a cell can have, without gaps or overlaps, so every
 * cell has exactly one rating; the appetite must be one of the bands.
 */
export function parseRiskMatrix(value: unknown): RiskMatrix {
  if (value === undefined || value === null) return structuredCopy(DEFAULT_RISK_MATRIX);
  const o = mapping(value, FIELD, ['likelihood', 'impact', 'scoring', 'bands', 'appetite']);
  const likelihood = o.likelihood === undefined ? [...DEFAULT_RISK_MATRIX.likelihood] : levels(o.likelihood, `${FIELD}.likelihood`);
  const impact = o.impact === undefined ? [...DEFAULT_RISK_MATRIX.impact] : levels(o.impact, `${FIELD}.impact`);
  if (o.scoring !== undefined && !(RISK_SCORINGS as readonly unknown[]).includes(o.scoring)) {
    fail(`${FIELD}.scoring`, `must be one of ${RISK_SCORINGS.join(', ')} (of the levels' positions), got ${JSON.stringify(o.scoring)}`);
  }
  const scoring = (o.scoring ?? 'product') as RiskScoring;
  const range = scoreRange(likelihood.length, impact.length, scoring);
  const customShape = o.likelihood !== undefined || o.impact !== undefined || o.scoring !== undefined;
  if (o.bands === undefined && customShape) {
    fail(`${FIELD}.bands`, `is required when the levels or scoring differ from the default (scores run from ${range.min} to ${range.max})`);
  }
  let bands: RiskBand[];
  if (o.bands === undefined) bands = DEFAULT_RISK_MATRIX.bands.map((b) => ({ ...b }));
  else {
    if (!Array.isArray(o.bands) || o.bands.length === 0) return fail(`${FIELD}.bands`, 'must list the rating bands, lowest first');
    bands = (o.bands as unknown[]).map((b, i) => band(b, `${FIELD}.bands[${i}]`));
  }
  bands.forEach((b, i) => {
    const field = `${FIELD}.bands[${i}]`;
    if (bands.findIndex((c) => c.rating === b.rating) !== i) fail(`${field}.rating`, `'${b.rating}' is used by an earlier band`);
    const expectedMin = i === 0 ? range.min : bands[i - 1].max + 1;
    if (b.min !== expectedMin) {
      fail(`${field}.min`, i === 0 ? `must be ${range.min}, the lowest score a cell can have` : `must be ${expectedMin}, right after the previous band's max (no gaps or overlaps)`);
    }
  });
  const last = bands[bands.length - 1];
  if (last.max !== range.max) fail(`${FIELD}.bands[${bands.length - 1}].max`, `must be ${range.max}, the highest score a cell can have`);
  const appetite = o.appetite === undefined ? DEFAULT_RISK_MATRIX.appetite : o.appetite;
  if (typeof appetite !== 'string' || !bands.some((b) => b.rating === appetite)) {
    fail(`${FIELD}.appetite`, `must be one of the bands' ratings (${bands.map((b) => b.rating).join(', ')}), got ${JSON.stringify(appetite)}`);
  }
  return { likelihood, impact, scoring, bands, appetite: appetite as string };
}

function structuredCopy(m: RiskMatrix): RiskMatrix {
  return { ...m, likelihood: [...m.likelihood], impact: [...m.impact], bands: m.bands.map((b) => ({ ...b })) };
}
