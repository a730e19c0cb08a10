import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime, humanize } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { SelectField, TextField } from '../../components/Field';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StatusBadge } from '../management-system/Badge';
import { useFilters } from '../management-system/search-params';
import { TableScroll } from '../management-system/TableScroll';
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
      {report.isPending ? (
        <LoadingState label="Computing control health…" />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          <HealthSummary report={report.data} />
          <form className="filters" role="search" aria-label="Filter the controls" onSubmit={(e) => e.preventDefault()}>
            <SelectField label="Status" value={values.status} onChange={(e) => set('status', e.target.value)}>
              <option value="">Any</option>
              {CONTROL_HEALTH_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {humanize(s)}
                </option>
              ))}
            </SelectField>
            <SelectField label="Framework" value={values.framework} onChange={(e) => set('framework', e.target.value)}>
              <option value="">All</option>
              {CATALOG_FRAMEWORKS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </SelectField>
            <TextField label="Search" type="search" value={values.q} onChange={(e) => set('q', e.target.value)} placeholder="A.6.2.6, monitoring…" />
          </form>
          <HealthTable
            rows={bySeverity(report.data.controls).filter(
              (c) =>
                (!values.status || c.status === values.status) &&
                (!values.framework || c.framework === values.framework) &&
                (!values.q.trim() || `${c.ref} ${c.title}`.toLowerCase().includes(values.q.trim().toLowerCase())),
            )}
            total={report.data.controls.length}
          />
        </>
      )}
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

function HealthTable({ rows, total }: { rows: ControlHealthRow[]; total: number }) {
  if (rows.length === 0) {
    return (
      <EmptyState title="No control matches these filters">
        <p>Clear a filter to see the {total} controls.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <p className="panel__meta" aria-live="polite">
        {rows.length === total ? `${total} controls` : `${rows.length} of ${total} controls`}
      </p>
      <TableScroll label="Control health">
        <table className="ms-table">
          <thead>
            <tr>
              <th scope="col">Control</th>
              <th scope="col">Status</th>
              <th scope="col">Systems</th>
              <th scope="col">Why</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.framework} ${row.ref}`}>
                <th scope="row">
                  <Link to={controlPath(row.framework, row.ref)}>
                    {row.ref} <span className="soa-table__framework">{frameworkLabel(row.framework)}</span>
                  </Link>
                  <span className="soa-table__title">{row.title}</span>
                </th>
                <td>
                  <StatusBadge value={row.status} />
                </td>
                <td className="counts">
                  {CONTROL_HEALTH_STATUSES.filter((s) => row.counts[s] > 0)
                    .map((s) => `${row.counts[s]} ${humanize(s).toLowerCase()}`)
                    .join(', ') || '—'}
                </td>
                <td>
                  {row.reasons.length ? (
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
                  )}
                </td>
                <td>
                  {row.evidenceCount} {row.evidenceCount === 1 ? 'item' : 'items'}
                  {row.latestEvidenceAt ? <span className="panel__meta"> · newest {formatDateTime(row.latestEvidenceAt)}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
