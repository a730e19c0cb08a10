import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../app/format';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StatusBadge } from '../management-system/Badge';
import { TableScroll } from '../management-system/TableScroll';
import { auditsQuery, useConvene } from './cycle-queries';
import '../management-system/management-system.css';

/** /internal-audits: audits (ISO/IEC 42001 9.2) opened by their schedule, newest first. */
export default function InternalAuditsPage() {
  useDocumentTitle('Internal audits');
  const { user } = useSession();
  const audits = useQuery(auditsQuery);
  const open = useConvene('audit');
  return (
    <section className="page ms-page" aria-labelledby="audits-title">
      <div className="page__header">
        <h1 id="audits-title">Internal audits</h1>
        {may(user, 'internal_audit.open') ? (
          <button type="button" className="button button--secondary" onClick={() => open.mutate()} disabled={open.isPending}>
            {open.isPending ? 'Opening…' : 'Open an audit now'}
          </button>
        ) : null}
      </div>
      <p className="page__lead">Each audit takes the AI inventory as its scope; its report’s findings become PDCA items.</p>
      <FormProblem error={open.error} />
      {open.isSuccess ? (
        <p role="status" className="notice notice--ok">
          The audit is being opened; it appears here in a moment.
        </p>
      ) : null}
      {audits.isPending ? (
        <LoadingState label="Loading the audits…" />
      ) : audits.isError ? (
        <ErrorState error={audits.error} onRetry={() => void audits.refetch()} />
      ) : audits.data.length === 0 ? (
        <EmptyState title="No internal audit yet">
          <p>The first one opens on the policy’s cadence.</p>
        </EmptyState>
      ) : (
        <TableScroll label="Internal audits">
          <table className="ms-table">
            <thead>
              <tr>
                <th scope="col">Opened</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col">Systems in scope</th>
                <th scope="col">Findings</th>
              </tr>
            </thead>
            <tbody>
              {audits.data.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/internal-audits/${a.id}`}>{formatDateTime(a.openedAt)}</Link>
                  </th>
                  <td>{formatDate(a.dueAt)}</td>
                  <td>
                    <StatusBadge value={a.status} />
                  </td>
                  <td>{a.scope.length}</td>
                  <td>{a.status === 'completed' ? a.findings.length : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
