import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '../../app/format';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { SelectField } from '../../components/Field';
import { QueryView } from '../../components/QueryView';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ClockMarker } from './ClockMarker';
import { seriousIncidentListQuery, type ListStatus, type SeriousIncident } from './serious-incident-queries';
import './serious-incidents.css';

const STATUSES: ReadonlyArray<{ value: ListStatus | ''; label: string }> = [
  { value: '', label: 'All' },
  { value: 'open', label: 'Open (not yet reported)' },
  { value: 'missed', label: 'Deadline missed' },
  { value: 'submitted', label: 'Reported' },
];

/** /serious-incidents: every serious incident the person may see, open ones first by deadline. */
export default function SeriousIncidentsPage() {
  useDocumentTitle('Serious incidents');
  const [params, setParams] = useSearchParams();
  const status = (STATUSES.find((s) => s.value === params.get('status'))?.value || undefined) as ListStatus | undefined;
  const list = useQuery(seriousIncidentListQuery({ status }));
  return (
    <section className="page incidents" aria-labelledby="incidents-title">
      <h1 id="incidents-title">Serious incidents</h1>
      <p className="page__lead">
        Incidents marked serious under the EU AI Act (Art. 73) and their reporting clocks. Mark an incident serious from its system’s Monitoring tab.
      </p>
      <div className="incidents__filter">
        <SelectField label="Show" value={status ?? ''} onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {}, { replace: true })}>
          {STATUSES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </SelectField>
      </div>
      <QueryView
        query={list}
        loading="Loading serious incidents…"
        isEmpty={(page) => page.items.length === 0}
        empty={
          <EmptyState title={status ? 'No serious incident matches' : 'No serious incidents'}>
            <p>When an incident is marked serious, its reporting deadline is tracked here until the report is submitted.</p>
          </EmptyState>
        }
      >
        {(page) => (
          <DataTable<SeriousIncident>
            label="Serious incidents"
            rows={page.items}
            rowKey={(i) => i.id}
            columns={[
              { header: 'AI system', rowHeader: true, cell: (i) => <Link to={`/serious-incidents/${i.id}`}>{i.systemName}</Link> },
              { header: 'Category', cell: (i) => i.categoryLabel },
              { header: 'Report due', cell: (i) => formatDateTime(i.deadlineAt) },
              { header: 'Clock', cell: (i) => <ClockMarker incident={i} /> },
            ]}
          />
        )}
      </QueryView>
    </section>
  );
}
