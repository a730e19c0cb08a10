import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime, humanize } from '../../app/format';
import { DataTable, type Column } from '../../components/DataTable';
import { FilterBar, SearchFilter, SelectFilter } from '../../components/FilterBar';
import { FilteredCount } from '../../components/FilteredCount';
import { QueryView } from '../../components/QueryView';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StatusBadge } from '../management-system/Badge';
import { useFilters } from '../management-system/search-params';
import { ControlsNav } from './ControlsNav';
import { CATALOG_FRAMEWORKS, CONTROL_HEALTH_STATUSES, controlHealthQuery, controlPath, frameworkLabel, type ControlHealthReport, type ControlHealthRow } from './control-queries';
import '../management-system/management-system.css';

const STATUS_HELP: Record<string, string> = {
  effective: 'fresh evidence within the expected cadence, nothing open against it',
  attention: 'evidence stale or expired, a review overdue, an open nonconformity or a failed review item',
  no_evidence: 'nothing the engine records evidences it yet',
  not_applicable: 'excluded by the published Statement of Applicability',
};

/**
 * /controls: control health across the organisation, continuously computed from what the engine
 * records: each control's worst status over the AI systems, how many systems are in each, and
 * why a control needs attention.
 */
export default function ControlHealthPage() {
  useDocumentTitle('Control health');
  const report = useQuery(controlHealthQuery);
  const { values, set } = useFilters(['status', 'framework', 'q'] as const);

  return (
    <section className="page ms-page" aria-labelledby="health-title">
      <h1 id="health-title">Control health</h1>
      <ControlsNav />
      <QueryView query={report} loading="Computing control health…">
        {(data) => {
          const rows = bySeverity(data.controls).filter(
            (c) =>
              (!values.status || c.status === values.status) &&
              (!values.framework || c.framework === values.framework) &&
              (!values.q.trim() || `${c.ref} ${c.title}`.toLowerCase().includes(values.q.trim().toLowerCase())),
          );
          return (
            <>
              <HealthSummary report={data} />
              <FilterBar label="Filter the controls">
                <SelectFilter label="Status" value={values.status} onChange={(v) => set('status', v)} options={CONTROL_HEALTH_STATUSES.map((s) => ({ value: s, label: humanize(s) }))} />
                <SelectFilter label="Framework" value={values.framework} onChange={(v) => set('framework', v)} options={CATALOG_FRAMEWORKS} anyLabel="All" />
                <SearchFilter value={values.q} onChange={(v) => set('q', v)} placeholder="A.6.2.6, monitoring…" />
              </FilterBar>
              <FilteredCount shown={rows.length} total={data.controls.length} noun={['control', 'controls']}>
                <DataTable label="Control health" columns={HEALTH_COLUMNS} rows={rows} rowKey={(row) => `${row.framework} ${row.ref}`} />
              </FilteredCount>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

/** The API's note as a sentence: capitalised, with its full stop. */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).replace(/\.?$/, '.');

/** What needs the governance office first: attention, then no evidence, effective, not applicable (the report's order within each). */
const SEVERITY = ['attention', 'no_evidence', 'effective', 'not_applicable'];
function bySeverity(rows: ControlHealthRow[]): ControlHealthRow[] {
  return rows.map((row, i) => ({ row, i })).sort((a, b) => SEVERITY.indexOf(a.row.status) - SEVERITY.indexOf(b.row.status) || a.i - b.i).map(({ row }) => row);
}

function HealthSummary({ report }: { report: ControlHealthReport }) {
  return (
    <section className="panel" aria-labelledby="health-summary">
      <h2 id="health-summary">
        {report.systems === 1 ? 'One AI system' : `${report.systems} AI systems`} · {report.controls.length} controls
      </h2>
      <ul className="stat-grid">
        {CONTROL_HEALTH_STATUSES.map((s) => (
          <li key={s} className={`stat stat--${s}`}>
            <Link className="stat__link" to={{ search: `?status=${s}` }}>
              <span className="stat__value">{report.totals[s]}</span> <span className="stat__label">{humanize(s)}</span>
              <span className="visually-hidden">: show only these</span>
            </Link>
            <span className="stat__help">{STATUS_HELP[s]}</span>
          </li>
        ))}
      </ul>
      <p className="panel__meta">
        {sentence(report.applicability.note)} Computed {formatDateTime(report.generatedAt)}; evidence map revision {report.evidenceMapRevision}.{' '}
        <a href="/api/v1/reports/control-health?format=csv" download>
          Download as CSV
        </a>
      </p>
    </section>
  );
}

const HEALTH_COLUMNS: ReadonlyArray<Column<ControlHealthRow>> = [
  {
    header: 'Control',
    rowHeader: true,
    cell: (row) => (
      <>
        <Link to={controlPath(row.framework, row.ref)}>
          {row.ref} <span className="soa-table__framework">{frameworkLabel(row.framework)}</span>
        </Link>
        <span className="soa-table__title">{row.title}</span>
      </>
    ),
  },
  { header: 'Status', cell: (row) => <StatusBadge value={row.status} /> },
  {
    header: 'Systems',
    className: 'counts',
    cell: (row) =>
      CONTROL_HEALTH_STATUSES.filter((s) => row.counts[s] > 0)
        .map((s) => `${row.counts[s]} ${humanize(s).toLowerCase()}`)
        .join(', ') || '—',
  },
  {
    header: 'Why',
    cell: (row) =>
      row.reasons.length ? (
        <ul className="reasons-list">
          {row.reasons.map((r) => (
            <li key={r.code}>
              {r.example}
              {r.systems > 1 ? <span className="panel__meta"> ({r.systems} systems)</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        '—'
      ),
  },
  {
    header: 'Evidence',
    cell: (row) => (
      <>
        {row.evidenceCount} {row.evidenceCount === 1 ? 'item' : 'items'}
        {row.latestEvidenceAt ? <span className="panel__meta"> · newest {formatDateTime(row.latestEvidenceAt)}</span> : null}
      </>
    ),
  },
];
