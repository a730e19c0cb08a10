import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime, humanize } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { SelectField } from '../../components/Field';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StatusBadge } from '../management-system/Badge';
import { TableScroll } from '../../components/TableScroll';
import { PersonName } from '../people/PersonSelect';
import { ExportLinks } from './ExportLinks';
import { soaDiffQuery, soaVersionsQuery, type SoaDiff, type SoaVersionSummary } from './soa-queries';
import '../management-system/management-system.css';

/** /soa/versions: every version (published ones frozen with their hash), and what changed between two. */
export default function SoaVersionsPage() {
  useDocumentTitle('Statement of Applicability versions');
  const versions = useQuery(soaVersionsQuery);
  const [params, setParams] = useSearchParams();
  const from = Number(params.get('from')) || 0;
  const to = Number(params.get('to')) || 0;

  return (
    <section className="page ms-page" aria-labelledby="versions-title">
      <p className="breadcrumb">
        <Link to="/soa">Statement of Applicability</Link>
      </p>
      <h1 id="versions-title">Versions and changes</h1>
      {versions.isPending ? (
        <LoadingState label="Loading the versions…" />
      ) : versions.isError ? (
        <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />
      ) : versions.data.items.length === 0 ? (
        <EmptyState title="No version yet">
          <p>The first edit of the Statement of Applicability starts the draft of version 1.</p>
        </EmptyState>
      ) : (
        <>
          <VersionsTable versions={versions.data.items} />
          {versions.data.items.length > 1 ? (
            <CompareForm
              versions={versions.data.items}
              from={from}
              to={to}
              onCompare={(a, b) => setParams({ from: String(a), to: String(b) }, { replace: true })}
            />
          ) : (
            <p>Once there are two versions you can compare them here.</p>
          )}
          {from && to ? <DiffView from={from} to={to} /> : null}
        </>
      )}
    </section>
  );
}

function VersionsTable({ versions }: { versions: SoaVersionSummary[] }) {
  return (
    <TableScroll label="Versions">
      <table className="ms-table">
        <caption className="visually-hidden">Versions of the Statement of Applicability, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Published</th>
            <th scope="col">Approval rounds</th>
            <th scope="col">Edited by</th>
            <th scope="col">SHA-256</th>
            <th scope="col">Download</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <th scope="row">{v.version}</th>
              <td>
                <StatusBadge value={v.status} />
                {v.lastOutcome && v.status === 'draft' ? <span className="panel__meta"> last round {humanize(v.lastOutcome.outcome)}</span> : null}
              </td>
              <td>{formatDateTime(v.publishedAt)}</td>
              <td>{v.approvalRound}</td>
              <td>
                {v.editorIds.map((id, i) => (
                  <span key={id}>
                    {i ? ', ' : ''}
                    <PersonName id={id} />
                  </span>
                ))}
              </td>
              <td>{v.sha256 ? <code title={v.sha256}>{v.sha256.slice(0, 12)}…</code> : '—'}</td>
              <td>{v.status === 'published' || v.status === 'superseded' ? <ExportLinks version={v.version} label={`Version ${v.version}`} /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function CompareForm({ versions, from, to, onCompare }: { versions: SoaVersionSummary[]; from: number; to: number; onCompare: (a: number, b: number) => void }) {
  const newest = versions[0]!.version;
  const [a, setA] = useState(String(from || versions[1]!.version));
  const [b, setB] = useState(String(to || newest));
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onCompare(Number(a), Number(b));
  }
  return (
    <form className="panel filters" onSubmit={onSubmit} aria-labelledby="compare-title">
      <h2 id="compare-title" className="filters__title">
        Compare two versions
      </h2>
      <SelectField label="From version" value={a} onChange={(e) => setA(e.target.value)}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            {v.version} ({humanize(v.status)})
          </option>
        ))}
      </SelectField>
      <SelectField label="To version" value={b} onChange={(e) => setB(e.target.value)}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            {v.version} ({humanize(v.status)})
          </option>
        ))}
      </SelectField>
      <div className="filters__submit">
        <button type="submit" className="button button--secondary">
          Compare
        </button>
      </div>
    </form>
  );
}

const FIELD_LABELS: Record<string, string> = {
  applicable: 'Applicable',
  justification: 'Justification',
  implementationStatus: 'Implementation',
  ownerId: 'Owner',
  riskIds: 'Risks',
  evidenceNotes: 'Evidence',
};

function DiffView({ from, to }: { from: number; to: number }) {
  const diff = useQuery(soaDiffQuery(from, to));
  if (diff.isPending) return <LoadingState label="Comparing…" />;
  if (diff.isError) return <ErrorState error={diff.error} what="version" onRetry={() => void diff.refetch()} />;
  return <DiffTables diff={diff.data} />;
}

function DiffTables({ diff }: { diff: SoaDiff }) {
  const nothing = !diff.added.length && !diff.removed.length && !diff.changed.length;
  return (
    <section className="panel" aria-labelledby="diff-title">
      <h2 id="diff-title">
        From version {diff.from} to version {diff.to}
      </h2>
      {nothing ? <p>Nothing changed.</p> : null}
      {diff.changed.length ? (
        <TableScroll label="Changed entries">
          <table className="ms-table diff-table">
            <caption>
              {diff.changed.length === 1 ? 'One entry changed' : `${diff.changed.length} entries changed`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Control</th>
                <th scope="col">Field</th>
                <th scope="col">Version {diff.from}</th>
                <th scope="col">Version {diff.to}</th>
              </tr>
            </thead>
            <tbody>
              {diff.changed.flatMap((entry) =>
                entry.changes.map((change, i) => (
                  <tr key={`${entry.framework} ${entry.ref} ${change.field}`}>
                    {i === 0 ? (
                      <th scope="row" rowSpan={entry.changes.length}>
                        {entry.framework === 'iso42001' ? 'ISO/IEC 42001' : 'ISO/IEC 27001'} {entry.ref}
                      </th>
                    ) : null}
                    <td>{FIELD_LABELS[change.field] ?? change.field}</td>
                    <td className="diff__before">
                      <DiffValue field={change.field} value={change.from} />
                    </td>
                    <td className="diff__after">
                      <DiffValue field={change.field} value={change.to} />
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {diff.added.length ? <p>Added: {diff.added.map((e) => `${e.framework} ${e.ref}`).join(', ')}</p> : null}
      {diff.removed.length ? <p>Removed: {diff.removed.map((e) => `${e.framework} ${e.ref}`).join(', ')}</p> : null}
    </section>
  );
}

function DiffValue({ field, value }: { field: string; value: unknown }) {
  if (value === null || value === undefined || (Array.isArray(value) && !value.length)) return <>—</>;
  if (field === 'ownerId' && typeof value === 'string') return <PersonName id={value} />;
  if (field === 'applicable') return <>{value ? 'Yes' : 'Excluded'}</>;
  if (field === 'implementationStatus' && typeof value === 'string') return <>{humanize(value)}</>;
  if (Array.isArray(value)) return <>{value.join(', ')}</>;
  return <>{String(value)}</>;
}
