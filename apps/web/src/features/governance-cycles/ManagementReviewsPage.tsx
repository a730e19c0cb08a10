import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StatusBadge } from '../management-system/Badge';
import { TableScroll } from '../management-system/TableScroll';
import { reviewsQuery, useConvene } from './cycle-queries';
import '../management-system/management-system.css';

/** /management-reviews: the reviews (ISO/IEC 42001 9.3) their schedule convened, newest first. */
export default function ManagementReviewsPage() {
  useDocumentTitle('Management reviews');
  const { user } = useSession();
  const reviews = useQuery(reviewsQuery);
  const convene = useConvene('review');
  return (
    <section className="page ms-page" aria-labelledby="reviews-title">
      <div className="page__header">
        <h1 id="reviews-title">Management reviews</h1>
        {may(user, 'management_review.convene') ? (
          <button type="button" className="button button--secondary" onClick={() => convene.mutate()} disabled={convene.isPending}>
            {convene.isPending ? 'Convening…' : 'Convene a review now'}
          </button>
        ) : null}
      </div>
      <p className="page__lead">Each review is convened on the policy’s cadence with an agenda compiled from the data; its minutes record decisions, which become PDCA items.</p>
      <FormProblem error={convene.error} />
      {convene.isSuccess ? (
        <p role="status" className="notice notice--ok">
          The review is being convened; it appears here in a moment.
        </p>
      ) : null}
      {reviews.isPending ? (
        <LoadingState label="Loading the reviews…" />
      ) : reviews.isError ? (
        <ErrorState error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : reviews.data.length === 0 ? (
        <EmptyState title="No management review yet">
          <p>The first one is convened on the policy’s cadence.</p>
        </EmptyState>
      ) : (
        <TableScroll label="Management reviews">
          <table className="ms-table">
            <thead>
              <tr>
                <th scope="col">Convened</th>
                <th scope="col">Meeting</th>
                <th scope="col">Status</th>
                <th scope="col">Participants</th>
                <th scope="col">Decisions</th>
              </tr>
            </thead>
            <tbody>
              {reviews.data.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/management-reviews/${r.id}`}>{formatDateTime(r.convenedAt)}</Link>
                  </th>
                  <td>{formatDateTime(r.meetingAt)}</td>
                  <td>
                    <StatusBadge value={r.status} />
                  </td>
                  <td>{r.participants.length}</td>
                  <td>{r.status === 'held' ? r.decisions.length : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
