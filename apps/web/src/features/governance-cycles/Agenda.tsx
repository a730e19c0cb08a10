import { Link } from 'react-router';
import { formatDate, formatDateTime, humanize } from '../../app/format';
import type { Agenda as AgendaView } from './cycle-queries';
import { SeriousIncidentsAgendaItem } from '../serious-incidents/SeriousIncidentsAgendaItem';

type Counts = Record<string, number>;

function CountList({ counts, empty = 'None' }: { counts: Counts; empty?: string }) {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  if (!entries.length) return <>{empty}</>;
  return (
    <ul className="count-list">
      {entries.map(([key, n]) => (
        <li key={key}>
          {humanize(key)}: <strong>{n}</strong>
        </li>
      ))}
    </ul>
  );
}

/**
 * A management review's agenda (ISO/IEC 42001 9.3.2's inputs), compiled from the data when the
 * review was convened and kept as it was then: actions of earlier reviews, the inventory and
 * risk profile, open PDCA items, reviews and monitoring, audits, material changes, what is
 * overdue, and control health with its change since the last review.
 */
export function Agenda({ agenda }: { agenda: AgendaView }) {
  return (
    <section className="panel agenda" aria-labelledby="agenda-title">
      <h2 id="agenda-title">Agenda</h2>
      <p className="panel__meta">
        Compiled {formatDateTime(agenda.compiledAt)}; changes since {agenda.since ? formatDateTime(agenda.since) : 'the start (no earlier review)'}.
      </p>
      <ol className="agenda__items">
        <li>
          <h3>Actions from earlier reviews</h3>
          <p>
            {agenda.previousActions.total} actions, {agenda.previousActions.open} open.
          </p>
          <CountList counts={agenda.previousActions.byPhase} />
          <ItemList items={agenda.previousActions.items} />
        </li>
        <li>
          <h3>AI inventory</h3>
          <p>
            {agenda.inventory.total} systems; {agenda.inventory.registeredSince} registered and {agenda.inventory.retiredSince} retired since.
          </p>
          <div className="two-columns">
            <div>
              <h4>By stage</h4>
              <CountList counts={agenda.inventory.byStage} />
            </div>
            <div>
              <h4>By risk tier</h4>
              <CountList counts={agenda.inventory.byTier} />
            </div>
          </div>
        </li>
        <li>
          <h3>Risk profile</h3>
          <p>{agenda.riskProfile.assessmentsSince} impact assessments since.</p>
          <CountList counts={agenda.riskProfile.assessedTiersSince} />
        </li>
        <li>
          <h3>Open PDCA items</h3>
          <p>{agenda.openPdcaItems.total} open.</p>
          <CountList counts={agenda.openPdcaItems.byKind} />
          <ItemList items={agenda.openPdcaItems.items} />
        </li>
        <li>
          <h3>Reviews and monitoring</h3>
          <div className="two-columns">
            <div>
              <h4>Periodic reviews decided</h4>
              <CountList counts={agenda.reviewsAndMonitoring.reviewsDecidedSince} />
            </div>
            <div>
              <h4>Monitoring events</h4>
              <CountList counts={agenda.reviewsAndMonitoring.monitoringEventsSince} />
            </div>
          </div>
          <p>{agenda.reviewsAndMonitoring.rollbacksSince} rollbacks since.</p>
        </li>
        <li>
          <h3>Audits</h3>
          <p>
            {agenda.audits.completedSince} internal audits completed, {agenda.audits.findingsSince} findings.
          </p>
        </li>
        <li>
          <h3>Material changes</h3>
          <p>
            {agenda.materialChanges.proposedSince} proposed since, {agenda.materialChanges.open} open.
          </p>
        </li>
        <li>
          <h3>Overdue</h3>
          <p>
            {agenda.overdue.pdcaItems} PDCA items, {agenda.overdue.reviewTasks} review tasks, {agenda.overdue.approvalTasks} approval tasks.
          </p>
        </li>
        {agenda.controlHealth ? (
          <li>
            <h3>Control health</h3>
            {agenda.controlHealth.current ? (
              <p>
                On {formatDate(agenda.controlHealth.current.day)}: {agenda.controlHealth.current.totals.effective} effective, {agenda.controlHealth.current.totals.attention} needing
                attention, {agenda.controlHealth.current.totals.no_evidence} without evidence, {agenda.controlHealth.current.totals.not_applicable} not applicable.
              </p>
            ) : (
              <p>No daily snapshot yet.</p>
            )}
            {agenda.controlHealth.change ? (
              <>
                <p>
                  Since the last review: {agenda.controlHealth.change.improved} improved, {agenda.controlHealth.change.worsened} worsened ({agenda.controlHealth.change.changedCount} changed).
                </p>
                {agenda.controlHealth.change.changed.length ? (
                  <ul className="count-list">
                    {agenda.controlHealth.change.changed.map((c) => (
                      <li key={c.control}>
                        {c.control}: {c.from ? humanize(c.from) : 'new'} → {c.to ? humanize(c.to) : 'gone'}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </>
            ) : null}
            <p>
              <Link to="/controls">Control health now</Link>
            </p>
          </li>
        ) : null}
        {agenda.seriousIncidents ? <SeriousIncidentsAgendaItem section={agenda.seriousIncidents} /> : null}
      </ol>
    </section>
  );
}

function ItemList({ items }: { items: AgendaView['openPdcaItems']['items'] }) {
  if (!items.length) return null;
  return (
    <ul className="agenda__list">
      {items.map((item) => (
        <li key={item.id}>
          {item.title} <span className="panel__meta">({humanize(item.kind)}, {humanize(item.phase)}{item.dueAt ? `, due ${formatDate(item.dueAt)}` : ''})</span>
          {item.overdue ? <span className="badge badge--bad">Overdue</span> : null}
        </li>
      ))}
    </ul>
  );
}
