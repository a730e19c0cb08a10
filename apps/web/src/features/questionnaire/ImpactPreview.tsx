import { Link } from 'react-router';
import { humanize } from '../../app/format';
import { Pager } from '../../components/Pager';
import { TableScroll } from '../../components/TableScroll';
import { TierBadge } from '../systems/SystemBadges';
import { DiffSummary } from './DiffSummary';
import type { Impact, SystemImpact } from './questionnaire-queries';

/** What the version's rules give a system, in words: a tier it will have, or the range its answers decide. */
export function tierUnderVersion(s: Pick<SystemImpact, 'lowestTier' | 'highestTier' | 'certain'>): string {
  return s.certain ? humanize(s.lowestTier) : `${humanize(s.lowestTier)} to ${humanize(s.highestTier)}, depending on the answers`;
}

/**
 * A version previewed against every live system: what it changes, how many systems were
 * re-evaluated, and those whose tier will or could change, with the tier they run under now.
 */
export function ImpactPreview({
  impact,
  questionText,
  onPage,
  headingId,
}: {
  impact: Impact;
  questionText: (id: string) => string;
  onPage?: (page: number) => void;
  headingId: string;
}) {
  return (
    <section className="impact" aria-labelledby={headingId}>
      <h3 id={headingId}>What version {impact.version} would change</h3>
      <p>
        Compared with version {impact.against}, the version in force. {impact.evaluated === 1 ? 'One live system was' : `${impact.evaluated} live systems were`} re-evaluated on their
        stored answers;{' '}
        <strong>
          {impact.total === 0 ? 'no system’s tier would change' : impact.total === 1 ? 'one system’s tier will or could change' : `${impact.total} systems’ tiers will or could change`}
        </strong>
        . Their owners are asked to re-assess once the version is published; the systems keep running on their approved version and tier.
      </p>
      <DiffSummary diff={impact.diff} />
      {impact.moves.length ? (
        <ul className="impact__moves" aria-label="Affected systems by tier">
          {impact.moves.map((m) => (
            <li key={`${m.fromTier}-${m.lowestTier}-${m.highestTier}`}>
              {m.systems === 1 ? 'One system' : `${m.systems} systems`}: {humanize(m.fromTier ?? 'not assessed')} now →{' '}
              {tierUnderVersion({ lowestTier: m.lowestTier, highestTier: m.highestTier, certain: m.lowestTier === m.highestTier })}
            </li>
          ))}
        </ul>
      ) : null}
      {impact.items.length ? (
        <>
          <TableScroll label="Affected systems">
            <table className="ms-table">
              <caption className="visually-hidden">Systems whose tier version {impact.version} will or could change</caption>
              <thead>
                <tr>
                  <th scope="col">System</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Tier now</th>
                  <th scope="col">Under version {impact.version}</th>
                  <th scope="col">Decided by</th>
                </tr>
              </thead>
              <tbody>
                {impact.items.map((s) => (
                  <tr key={s.systemId}>
                    <th scope="row">
                      <Link to={`/systems/${s.systemId}`}>{s.name}</Link>
                      <span className="panel__meta"> · {humanize(s.stage)}</span>
                    </th>
                    <td>{s.ownerName}</td>
                    <td>
                      <TierBadge tier={s.fromTier} />
                    </td>
                    <td>{tierUnderVersion(s)}</td>
                    <td>{s.decidingQuestions.length ? s.decidingQuestions.map(questionText).join('; ') : 'the changed rules'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {onPage ? <Pager page={impact.page} pageSize={impact.pageSize} total={impact.total} onPage={onPage} label="Affected systems" /> : null}
          {!onPage && impact.total > impact.items.length ? <p className="panel__meta">The first {impact.items.length} of {impact.total}; save the draft to page through them all.</p> : null}
        </>
      ) : null}
    </section>
  );
}
