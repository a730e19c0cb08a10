import { formatDateTime, humanize, relativeTime } from '../../app/format';
import type { Reassessment } from './questionnaire-queries';

/** Due or overdue, reminded, escalated, or how it ended: in words, not colour alone. */
export function ReassessmentMarkers({ request, now = new Date() }: { request: Reassessment; now?: Date }) {
  const open = request.state === 'open' || request.state === 'overdue';
  return (
    <ul className="markers" aria-label="Status">
      {open ? (
        <li className={request.state === 'overdue' ? 'marker marker--overdue' : 'marker marker--due'}>
          <span className="marker__label">{request.state === 'overdue' ? 'Overdue' : 'Due'}</span>{' '}
          <time dateTime={request.dueAt} title={formatDateTime(request.dueAt)}>
            {relativeTime(request.dueAt, now)}
          </time>
        </li>
      ) : (
        <li className="marker">
          {humanize(request.state)}
          {request.outcome ? `: ${humanize(request.outcome)}` : ''}
        </li>
      )}
      {open && request.remindedAt ? (
        <li className="marker marker--reminded">
          <span className="marker__label">Reminded</span> <time dateTime={request.remindedAt}>{relativeTime(request.remindedAt, now)}</time>
        </li>
      ) : null}
      {open && request.escalatedAt ? (
        <li className="marker marker--escalated">
          <span className="marker__label">Escalated</span> <time dateTime={request.escalatedAt}>{relativeTime(request.escalatedAt, now)}</time>
        </li>
      ) : null}
    </ul>
  );
}

/** The tier in force and what the new version could make of it, in words. */
export function tierOutlook(r: Pick<Reassessment, 'fromTier' | 'lowestTier' | 'highestTier'>): string {
  const now = humanize(r.fromTier ?? 'not assessed');
  if (r.lowestTier === r.highestTier) return `${now} now; ${humanize(r.lowestTier)} under the new version`;
  return `${now} now; could become ${humanize(r.highestTier)}, depending on the answers`;
}
