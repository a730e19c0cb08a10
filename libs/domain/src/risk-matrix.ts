/**
 * The risk matrix of the risk register (ISO/IEC 27001 6.1.2, ISO/IEC 42001 6.1.2 and 8.2): named
 * likelihood and impact levels, how a cell scores, the rating bands over the scores, and the
 * risk appetite. Defined in the policy file (`riskMatrix`), default 5 x 5. Pure: no Node, no Nest.
 */

/** How a cell's score is computed from the levels' positions (1 = the lowest level). */
export const RISK_SCORINGS = ['product', 'sum'] as const;
export type RiskScoring = (typeof RISK_SCORINGS)[number];

/** A named rating over a contiguous range of scores, e.g. `high` for 10..16. */
export interface RiskBand {
  rating: string;
  min: number;
  max: number;
}

export interface RiskMatrix {
  /** lowest first; level n (1-based) takes part in the score as n */
  likelihood: string[];
  /** lowest first */
  impact: string[];
  scoring: RiskScoring;
  /** lowest rating first; the bands cover every possible score exactly once */
  bands: RiskBand[];
  /** the highest rating accepted without an approval round */
  appetite: string;
}

export const DEFAULT_RISK_MATRIX: RiskMatrix = {
  likelihood: ['rare', 'unlikely', 'possible', 'likely', 'almost_certain'],
  impact: ['negligible', 'minor', 'moderate', 'major', 'severe'],
  scoring: 'product',
  bands: [
    { rating: 'low', min: 1, max: 4 },
    { rating: 'medium', min: 5, max: 9 },
    { rating: 'high', min: 10, max: 16 },
    { rating: 'critical', min: 17, max: 25 },
  ],
  appetite: 'medium',
};

export interface RiskCellRating {
  likelihood: string;
  impact: string;
  score: number;
  rating: string;
}

/** Lowest and highest score a cell of this matrix can have. */
export function scoreRange(likelihoodLevels: number, impactLevels: number, scoring: RiskScoring): { min: number; max: number } {
  return scoring === 'product' ? { min: 1, max: likelihoodLevels * impactLevels } : { min: 2, max: likelihoodLevels + impactLevels };
}

export function cellScore(matrix: RiskMatrix, likelihood: string, impact: string): number {
  const l = matrix.likelihood.indexOf(likelihood) + 1;
  const i = matrix.impact.indexOf(impact) + 1;
  if (l < 1) throw new RangeError(`'${likelihood}' is not a likelihood level of the matrix`);
  if (i < 1) throw new RangeError(`'${impact}' is not an impact level of the matrix`);
  return matrix.scoring === 'product' ? l * i : l + i;
}

/** The band a score falls in (the parser guarantees exactly one). */
export function ratingOfScore(matrix: RiskMatrix, score: number): string {
  const band = matrix.bands.find((b) => score >= b.min && score <= b.max);
  if (!band) throw new RangeError(`score ${score} is outside the matrix's bands`);
  return band.rating;
}

export function rateCell(matrix: RiskMatrix, likelihood: string, impact: string): RiskCellRating {
  const score = cellScore(matrix, likelihood, impact);
  return { likelihood, impact, score, rating: ratingOfScore(matrix, score) };
}

/** Position of a rating, lowest 0; -1 for a name the matrix does not have. */
export function ratingRank(matrix: RiskMatrix, rating: string): number {
  return matrix.bands.findIndex((b) => b.rating === rating);
}

/**
 * Whether accepting a risk of this rating needs an approval round: it is above the appetite,
 * or it is a rating the matrix no longer has (rated under an earlier matrix), which nobody may
 * wave through.
 */
export function exceedsAppetite(matrix: RiskMatrix, rating: string): boolean {
  const rank = ratingRank(matrix, rating);
  return rank < 0 || rank > ratingRank(matrix, matrix.appetite);
}
