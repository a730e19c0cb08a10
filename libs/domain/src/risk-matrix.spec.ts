import { PolicyValidationError } from './governance-policy.types';
import { DEFAULT_RISK_MATRIX, exceedsAppetite, rateCell, ratingRank } from './risk-matrix';
import { parseRiskMatrix } from './risk-matrix.parser';

function failure(raw: unknown): { field: string; reason: string } {
  try {
    parseRiskMatrix(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyValidationError);
    return { field: (e as PolicyValidationError).field, reason: (e as PolicyValidationError).reason };
  }
  throw new Error('expected a PolicyValidationError');
}

describe('risk matrix', () => {
  it('defaults to 5 x 5 with low/medium/high/critical and appetite medium', () => {
    expect(parseRiskMatrix(undefined)).toEqual(DEFAULT_RISK_MATRIX);
    expect(parseRiskMatrix(undefined)).not.toBe(DEFAULT_RISK_MATRIX);
  });

  it('rates every cell of the default matrix by likelihood x impact', () => {
    const m = DEFAULT_RISK_MATRIX;
    expect(rateCell(m, 'rare', 'negligible')).toEqual({ likelihood: 'rare', impact: 'negligible', score: 1, rating: 'low' });
    expect(rateCell(m, 'possible', 'moderate')).toMatchObject({ score: 9, rating: 'medium' });
    expect(rateCell(m, 'likely', 'moderate')).toMatchObject({ score: 12, rating: 'high' });
    expect(rateCell(m, 'almost_certain', 'severe')).toMatchObject({ score: 25, rating: 'critical' });
    for (const l of m.likelihood) for (const i of m.impact) expect(ratingRank(m, rateCell(m, l, i).rating)).toBeGreaterThanOrEqual(0);
    expect(() => rateCell(m, 'sometimes', 'minor')).toThrow(/likelihood/);
    expect(() => rateCell(m, 'rare', 'huge')).toThrow(/impact/);
  });

  it('says which ratings exceed the appetite, and treats an unknown rating as exceeding it', () => {
    expect(['low', 'medium', 'high', 'critical'].map((r) => exceedsAppetite(DEFAULT_RISK_MATRIX, r))).toEqual([false, false, true, true]);
    expect(exceedsAppetite(DEFAULT_RISK_MATRIX, 'extreme')).toBe(true);
  });

  it('accepts a custom 3 x 4 matrix with sum scoring', () => {
    const m = parseRiskMatrix({
      likelihood: ['low', 'medium', 'high'],
      impact: ['minor', 'moderate', 'major', 'critical'],
      scoring: 'sum',
      bands: [
        { rating: 'acceptable', min: 2, max: 4 },
        { rating: 'tolerable', min: 5, max: 6 },
        { rating: 'intolerable', min: 7, max: 7 },
      ],
      appetite: 'tolerable',
    });
    expect(rateCell(m, 'high', 'critical')).toMatchObject({ score: 7, rating: 'intolerable' });
    expect(rateCell(m, 'medium', 'moderate')).toMatchObject({ score: 4, rating: 'acceptable' });
  });

  it('takes only a different appetite on the default matrix', () => {
    expect(parseRiskMatrix({ appetite: 'low' })).toEqual({ ...DEFAULT_RISK_MATRIX, appetite: 'low' });
  });

  it.each<[string, unknown, string, RegExp]>([
    ['not a mapping', [1], 'riskMatrix', /mapping/],
    ['an unknown key', { apetite: 'low' }, 'riskMatrix.apetite', /not a known setting/],
    ['too few levels', { likelihood: ['one'] }, 'riskMatrix.likelihood', /between 2 and 10/],
    ['a bad level name', { impact: ['minor', 'Major'] }, 'riskMatrix.impact[1]', /identifier/],
    ['a repeated level', { likelihood: ['rare', 'rare'] }, 'riskMatrix.likelihood[1]', /earlier level/],
    ['a custom shape without bands', { likelihood: ['a', 'b', 'c'] }, 'riskMatrix.bands', /required/],
    ['an unknown scoring', { scoring: 'max', bands: [] }, 'riskMatrix.scoring', /product, sum/],
    ['empty bands', { bands: [] }, 'riskMatrix.bands', /rating bands/],
    ['a fractional bound', { bands: [{ rating: 'low', min: 1, max: 2.5 }] }, 'riskMatrix.bands[0].max', /whole number/],
    ['min above max', { bands: [{ rating: 'low', min: 5, max: 4 }] }, 'riskMatrix.bands[0].min', /above max/],
    ['not starting at the lowest score', { bands: [{ rating: 'low', min: 2, max: 25 }] }, 'riskMatrix.bands[0].min', /must be 1/],
    [
      'a gap',
      { bands: [{ rating: 'low', min: 1, max: 4 }, { rating: 'medium', min: 6, max: 9 }, { rating: 'high', min: 10, max: 25 }] },
      'riskMatrix.bands[1].min',
      /must be 5/,
    ],
    [
      'an overlap',
      { bands: [{ rating: 'low', min: 1, max: 9 }, { rating: 'medium', min: 5, max: 9 }, { rating: 'high', min: 10, max: 25 }] },
      'riskMatrix.bands[1].min',
      /must be 10/,
    ],
    ['not reaching the highest score', { bands: [{ rating: 'low', min: 1, max: 20 }] }, 'riskMatrix.bands[0].max', /must be 25/],
    ['a repeated rating', { bands: [{ rating: 'low', min: 1, max: 4 }, { rating: 'low', min: 5, max: 25 }] }, 'riskMatrix.bands[1].rating', /earlier band/],
    ['an unknown appetite', { appetite: 'moderate' }, 'riskMatrix.appetite', /low, medium, high, critical/],
  ])('refuses %s, naming the field', (_, raw, field, reason) => {
    const error = failure(raw);
    expect(error.field).toBe(field);
    expect(error.reason).toMatch(reason);
  });
});
