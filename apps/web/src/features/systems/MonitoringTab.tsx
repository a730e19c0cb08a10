import { formatDate, formatDateTime, humanize } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { SeriousIncidentLink } from '../serious-incidents/SeriousIncidentLink';
import type { AiSystemDetail } from './system-queries';
import { MonitoringPlanSection } from '../monitoring-plan/MonitoringPlanSection';

/** The post-market monitoring plan, what monitoring reported (the 20 most recent events) and the PDCA items still open for the system. */
export function MonitoringTab({ system }: { system: AiSystemDetail }) {
  const now = new Date();
  return (
    <>
      <MonitoringPlanSection systemId={system.id} />
      <section aria-labelledby="events-title" className="panel">
        <h2 id="events-title">Monitoring events</h2>
        {system.recentMonitoringEvents.length === 0 ? (
          <EmptyState title="No monitoring events">
            <p>Drift, bias, performance and incident reports arrive here from monitoring once the system is in operation.</p>
          </EmptyState>
        ) : (
          <ul className="plain-list event-list">
            {system.recentMonitoringEvents.map((event) => (
              <li key={event.id} className="event">
                <p>
                  <span className={`severity severity--${event.severity}`}>{humanize(event.severity)}</span> <strong>{humanize(event.kind)}</strong>
                  {event.metric ? ` · ${event.metric}` : ''}
                  {event.observedValue !== null && event.observedValue !== undefined ? ` ${event.observedValue}` : ''}
                  {event.threshold !== null && event.threshold !== undefined ? ` (threshold ${event.threshold})` : ''}
                </p>
                {event.description ? <p>{event.description}</p> : null}
                <p className="panel__meta">
                  {formatDateTime(event.occurredAt)}
                  {event.source ? ` · from ${event.source}` : ''}
                </p>
                {event.kind === 'incident' ? <SeriousIncidentLink system={system} eventId={event.id} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="pdca-title" className="panel">
        <h2 id="pdca-title">Open PDCA items</h2>
        {system.openPdcaItems.length === 0 ? (
          <EmptyState title="No open nonconformity, corrective action or improvement" />
        ) : (
          <ul className="plain-list">
            {system.openPdcaItems.map((item) => {
              const overdue = item.dueAt !== null && item.dueAt !== undefined && new Date(item.dueAt) < now;
              return (
                <li key={item.id} className="event">
                  <p>
                    <strong>{item.title}</strong>
                  </p>
                  <p className="panel__meta">
                    {humanize(item.kind ?? 'item')} · {humanize(item.phase ?? 'open')}
                    {item.dueAt ? ` · due ${formatDate(item.dueAt)}` : ''}
                    {overdue ? <span className="marker marker--overdue"> Overdue</span> : null}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
