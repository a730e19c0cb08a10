import { Link } from 'react-router';
import { formatDateTime, humanize } from '../../app/format';
import type { components } from '../../api/schema';

type Section = components['schemas']['AgendaSeriousIncidentsView'];

/** A management review's agenda item for EU AI Act Art. 73: serious incidents and every reporting deadline missed. */
export function SeriousIncidentsAgendaItem({ section }: { section: Section }) {
  return (
    <li>
      <h3>Serious incidents (EU AI Act Art. 73)</h3>
      <p>
        {section.open} open ({section.openPastDeadline} past the reporting deadline); {section.declaredSince} marked serious and {section.submittedSince} reported since, {section.submittedLateSince}{' '}
        of them late.
      </p>
      {section.items.length ? (
        <ul className="agenda__list">
          {section.items.map((i) => (
            <li key={i.id}>
              <Link to={`/serious-incidents/${i.id}`}>{i.systemName}</Link>{' '}
              <span className="panel__meta">
                ({humanize(i.category)}, due {formatDateTime(i.deadlineAt)}
                {i.status === 'submitted' ? `, reported ${formatDateTime(i.submittedAt)}` : ', not reported'})
              </span>
              {i.missedDeadline ? <span className="badge badge--bad">Deadline missed</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
