import { useId } from 'react';
import { humanize } from '../../app/format';
import type { RiskMatrix, RiskMatrixCell } from './risk-queries';

export type HeatBasis = 'residual' | 'inherent';

/** A band's colour step (0 lowest .. 4 highest) however many bands the policy defines. */
export function heatStep(matrix: Pick<RiskMatrix, 'bands'>, rating: string): number {
  const i = matrix.bands.findIndex((b) => b.rating === rating);
  const n = matrix.bands.length;
  return i < 0 ? 0 : n <= 1 ? 4 : Math.round((i / (n - 1)) * 4);
}

/**
 * The risk heat map as a table: likelihood down (highest first), impact across (lowest first),
 * each cell the number of open risks rated there, shaded by its band; cells above the appetite
 * are marked (accepting a risk there needs an approval round). A table, so a screen reader
 * reads each count with its likelihood and impact.
 */
export function RiskHeatMap({
  matrix,
  basis,
  highlight,
  caption,
}: {
  matrix: RiskMatrix;
  basis: HeatBasis;
  /** cells to outline (a risk's own inherent and residual rating), by likelihood and impact */
  highlight?: Array<{ likelihood: string; impact: string; label: string }>;
  caption?: string;
}) {
  const legendId = useId();
  const cell = (likelihood: string, impact: string): RiskMatrixCell | undefined => matrix.cells.find((c) => c.likelihood === likelihood && c.impact === impact);
  const rows = [...matrix.likelihood].reverse();
  return (
    <div className="heatmap">
      {/* On a phone the grid may be wider than the screen: it scrolls, and takes focus to be scrolled by keyboard. */}
      <div className="heatmap__scroll" role="region" aria-label="Heat map" tabIndex={0}>
        <table className="heatmap__table" aria-describedby={legendId}>
          <caption>{caption ?? `Open risks by likelihood and impact (${basis} rating)`}</caption>
          <thead>
            <tr>
              <td className="heatmap__corner">
                <span aria-hidden="true">Likelihood ↓ · Impact →</span>
              </td>
              {matrix.impact.map((impact) => (
                <th key={impact} scope="col">
                  {humanize(impact)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((likelihood) => (
              <tr key={likelihood}>
                <th scope="row">{humanize(likelihood)}</th>
                {matrix.impact.map((impact) => {
                  const c = cell(likelihood, impact);
                  const count = c ? c[basis] : 0;
                  const marks = (highlight ?? []).filter((h) => h.likelihood === likelihood && h.impact === impact);
                  return (
                    <td
                      key={impact}
                      className={`heatmap__cell heat--${c ? heatStep(matrix, c.rating) : 0}${count ? '' : ' heatmap__cell--empty'}${marks.length ? ' heatmap__cell--marked' : ''}`}
                      title={c ? `${humanize(c.rating)} (score ${c.score})${c.aboveAppetite ? ', above the appetite' : ''}` : undefined}
                    >
                      <span className="heatmap__count">{count}</span>
                      <span className="visually-hidden">
                        {count === 1 ? ' risk' : ' risks'}, rating {c ? humanize(c.rating) : 'unknown'}
                        {c?.aboveAppetite ? ', above the appetite' : ''}
                      </span>
                      {c?.aboveAppetite ? (
                        <span className="heatmap__above" aria-hidden="true">
                          ▲
                        </span>
                      ) : null}
                      {marks.map((m) => (
                        <span key={m.label} className="heatmap__mark">
                          {m.label}
                        </span>
                      ))}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="heatmap__legend" id={legendId}>
        <ul>
          {matrix.bands.map((b) => (
            <li key={b.rating}>
              <span className={`heatmap__swatch heat--${heatStep(matrix, b.rating)}`} aria-hidden="true" /> {humanize(b.rating)} (score {b.min}–{b.max})
            </li>
          ))}
        </ul>
        <p>
          <span aria-hidden="true">▲ </span>Above the appetite ({humanize(matrix.appetite)}): accepting such a risk needs an approval round.
          {matrix.unrated ? ` ${matrix.unrated} risk(s) not rated yet.` : ''}
          {matrix.offMatrix ? ` ${matrix.offMatrix} risk(s) rated on levels the matrix no longer has.` : ''}
        </p>
      </div>
    </div>
  );
}
