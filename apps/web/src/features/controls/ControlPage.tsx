import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { formatDateTime, humanize } from '../../app/format';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StatusBadge } from '../management-system/Badge';
import { Pager } from '../../components/Pager';
import { TableScroll } from '../../components/TableScroll';
import { ManualEvidenceList } from './ManualEvidenceList';
import { controlEvidenceQuery, controlHealthQuery, controlPath, controlQuery, evidenceHref, frameworkLabel } from './control-queries';
import '../management-system/management-system.css';

const OVERSIGHT = ['governance_office', 'auditor', 'admin'];

/**
 * /controls/:framework/:ref: one control with its crosswalk (the controls, clauses and AI Act
 * articles it shares evidence with), its health, the evidence the engine recorded for it across
 * every system, and the manual evidence kept for it.
 */
export default function ControlPage() {
  const { framework = '', ref = '' } = useParams();
  const { user } = useSession();
  const control = useQuery(controlQuery(framework, ref));
  const oversight = user.roles.some((r) => OVERSIGHT.includes(r));
  const health = useQuery({ ...controlHealthQuery, enabled: oversight });
  useDocumentTitle(control.data ? `${control.data.ref} ${control.data.title}` : 'Control');
  if (control.isPending) return <LoadingState label="Loading the control…" />;
  if (control.isError) return <ErrorState error={control.error} what="control" onRetry={() => void control.refetch()} />;
  const c = control.data;
  const row = health.data?.controls.find((h) => h.framework === c.framework && h.ref === c.ref);

  return (
    <article className="page ms-page" aria-labelledby="control-title">
      <p className="breadcrumb">
        <Link to="/controls/catalog">Control catalog</Link>
      </p>
      <p className="card__kind">
        {frameworkLabel(c.framework)} · {c.group} {c.groupTitle}
      </p>
      <h1 id="control-title">
        {c.ref} {c.title}
      </h1>
      <p className="page__lead">{c.summary}</p>
      {c.framework === 'iso42001' || c.framework === 'iso27001' ? (
        <p>
          <Link to={`/soa/${c.framework}/${encodeURIComponent(c.ref)}`}>Its entry in the Statement of Applicability</Link>
        </p>
      ) : null}

      {row ? (
        <section className="panel" aria-labelledby="control-health">
          <h2 id="control-health">
            Health <StatusBadge value={row.status} />
          </h2>
          {row.reasons.length ? (
            <ul className="reasons-list">
              {row.reasons.map((r) => (
                <li key={r.code}>
                  {r.example} {r.systems > 1 ? <span className="panel__meta">({r.systems} systems)</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{row.status === 'effective' ? 'Fresh evidence, nothing open against it.' : humanize(row.status)}</p>
          )}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="mappings-title">
        <h2 id="mappings-title">Shares evidence with</h2>
        {c.mappings.length === 0 ? (
          <p>No crosswalk link.</p>
        ) : (
          <TableScroll label="Crosswalk">
            <table className="ms-table">
              <thead>
                <tr>
                  <th scope="col">Control</th>
                  <th scope="col">Basis</th>
                  <th scope="col">Shared in</th>
                </tr>
              </thead>
              <tbody>
                {c.mappings.map((m) => (
                  <tr key={`${m.framework} ${m.ref}`}>
                    <th scope="row">
                      <Link to={controlPath(m.framework, m.ref)}>
                        {frameworkLabel(m.framework)} {m.ref}
                      </Link>{' '}
                      <span className="soa-table__title">{m.title}</span>
                    </th>
                    <td>{humanize(m.basis)}</td>
                    <td>{m.stages.map(humanize).join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      {oversight ? <RecordedEvidence framework={c.framework} refName={c.ref} /> : null}

      <section className="panel" aria-labelledby="manual-title">
        <div className="page__header">
          <h2 id="manual-title">Manual evidence</h2>
          {may(user, 'evidence.manage') ? (
            <Link className="button button--secondary" to={`/evidence/new?control=${encodeURIComponent(`${c.framework}:${c.ref}`)}`}>
              Add evidence for {c.ref}
            </Link>
          ) : null}
        </div>
        <ManualEvidenceList control={`${c.framework}:${c.ref}`} />
      </section>
    </article>
  );
}

function RecordedEvidence({ framework, refName }: { framework: string; refName: string }) {
  const [page, setPage] = useState(1);
  const evidence = useQuery(controlEvidenceQuery(framework, refName, page));
  return (
    <section className="panel" aria-labelledby="recorded-title">
      <h2 id="recorded-title">Evidence the engine recorded</h2>
      {evidence.isPending ? (
        <LoadingState label="Loading the evidence…" />
      ) : evidence.isError ? (
        <ErrorState error={evidence.error} onRetry={() => void evidence.refetch()} />
      ) : evidence.data.items.length === 0 ? (
        <EmptyState title="No evidence yet">
          <p>{evidence.data.kinds.length ? `Evidenced by: ${evidence.data.kinds.map(humanize).join(', ')}.` : 'The engine records nothing that evidences this control: keep manual evidence for it.'}</p>
        </EmptyState>
      ) : (
        <>
          <p className="panel__meta">
            {evidence.data.total} items of {evidence.data.kinds.map(humanize).join(', ')}, newest first
          </p>
          <ul className="evidence-list">
            {evidence.data.items.map((item) => {
              const href = evidenceHref(item);
              return (
                <li key={`${item.kind} ${item.id}`}>
                  <span className="evidence-list__kind">{humanize(item.kind)}</span> {href ? <Link to={href}>{item.title}</Link> : item.title}
                  <span className="panel__meta"> · {item.aiSystemId ? 'one system' : 'organisation-wide'} · {formatDateTime(item.occurredAt)}</span>
                </li>
              );
            })}
          </ul>
          <Pager page={page} pageSize={evidence.data.pageSize} total={evidence.data.total} onPage={setPage} label="Evidence" />
        </>
      )}
    </section>
  );
}
