import { humanize } from '../../app/format';
import type { Dashboard } from './dashboard-queries';

type Matrix = Dashboard['riskMatrix'];

/**
 * The risk heat map as a table (a grid of counts reads better as a table than as a picture, for
 * everyone): likelihood down, the most likely on top, impact across; each cell coloured by its
 * band, lowest to highest, and marked when it is above the appetite.
 */
export function RiskHeatMap({ matrix, which }: { matrix: Matrix; which: 'inherent' | 'residual' }) {
  const band = (rating: string) => Math.max(0, matrix.bands.findIndex((b) => b.rating === rating));
  const bandClass = (rating: string) => `heat__cell heat__cell--b${Math.round((band(rating) / Math.max(1, matrix.bands.length - 1)) * 4)}`;
  const total = matrix.cells.reduce((n, c) => n + c[which], 0);
  return (
    <div className="heat__scroll" role="region" aria-label={`${which === 'inherent' ? 'Inherent' : 'Residual'} heat map`} tabIndex={0}>
      <table className="heat">
        <caption>
          {which === 'inherent' ? 'Inherent' : 'Residual'} rating: {total === 1 ? 'one open risk' : `${total} open risks`}
        </caption>
        <thead>
          <tr>
            <td className="heat__corner">Likelihood ↓ impact →</td>
            {matrix.impact.map((impact) => (
              <th key={impact} scope="col">
                {humanize(impact)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...matrix.likelihood].reverse().map((likelihood) => (
            <tr key={likelihood}>
              <th scope="row">{humanize(likelihood)}</th>
              {matrix.impact.map((impact) => {
                const cell = matrix.cells.find((c) => c.likelihood === likelihood && c.impact === impact);
                if (!cell) return <td key={impact} />;
                return (
                  <td key={impact} className={bandClass(cell.rating)} title={`${humanize(cell.rating)}${cell.aboveAppetite ? ', above appetite' : ''}`}>
                    <span className="heat__count">{cell[which]}</span>
                    <span className="visually-hidden">
                      {' '}
                      {cell[which] === 1 ? 'risk' : 'risks'}, {humanize(cell.rating)} band{cell.aboveAppetite ? ', above appetite' : ''}
                    </span>
                    {cell.aboveAppetite ? (
                      <span className="heat__flag" aria-hidden="true">
                        ▲
                      </span>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
