import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import type { components } from '../../api/schema';
import { ClockMarker } from './ClockMarker';

type Figures = components['schemas']['DashboardSeriousIncidentsView'];

/**
 * The dashboard's panel for EU AI Act Art. 73: serious incidents not yet reported with the time
 * left on each clock, and the deadlines missed (open past them, or reported late this year).
 */
export function SeriousIncidentsPanel({ figures }: { figures: Figures }) {
  const missed = figures.openPastDeadline + figures.submittedLate;
  return (
    <section className="panel dashboard__panel" aria-labelledby="serious-incidents-title">
      <h2 id="serious-incidents-title">Serious incidents (EU AI Act Art. 73)</h2>
      <p className="panel__meta">
        {figures.open} open, {figures.openPastDeadline} past the reporting deadline; {figures.submittedLate} reported late in the last twelve months.{' '}
        <Link to="/serious-incidents">See every serious incident</Link>
        {missed > 0 ? (
          <>
            {' · '}
            <Link to="/serious-incidents?status=missed">Missed deadlines</Link>
          </>
        ) : null}
      </p>
      {figures.items.length === 0 ? (
        <p>No serious incident is waiting to be reported.</p>
      ) : (
        <ul className="plain-list" aria-label="Serious incidents to report">
          {figures.items.map((i) => (
            <li key={i.id} className="event">
              <p>
                <Link to={`/serious-incidents/${i.id}`}>{i.systemName}</Link> · {i.categoryLabel} <ClockMarker incident={i} />
              </p>
              <p className="panel__meta">Report due {formatDateTime(i.deadlineAt)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
