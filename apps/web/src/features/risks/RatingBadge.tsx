import { humanize } from '../../app/format';
import { heatStep } from './RiskHeatMap';
import type { RiskMatrix } from './risk-queries';

/** A rating band in the heat map's colour, in words. */
export function RatingBadge({ matrix, rating }: { matrix: Pick<RiskMatrix, 'bands'>; rating: string | null | undefined }) {
  if (!rating) return <span className="badge badge--neutral">Not rated</span>;
  return <span className={`badge heat--${heatStep(matrix, rating)}`}>{humanize(rating)}</span>;
}
