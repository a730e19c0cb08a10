import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import type { Column } from '../../components/DataTable';
import { StatusBadge } from '../management-system/Badge';
import { CycleListPage } from './CycleListPage';
import { reviewsQuery, type ManagementReview } from './cycle-queries';

/** /management-reviews: the reviews (ISO/IEC 42001 9.3) their schedule convened, newest first. */
export default function ManagementReviewsPage() {
  return (
    <CycleListPage
      kind="review"
      title="Management reviews"
      lead="Each review is convened on the policy’s cadence with an agenda compiled from the data; its minutes record decisions, which become PDCA items."
      query={useQuery(reviewsQuery)}
      loading="Loading the reviews…"
      empty={{ title: 'No management review yet', text: 'The first one is convened on the policy’s cadence.' }}
      columns={REVIEW_COLUMNS}
    />
  );
}

const REVIEW_COLUMNS: ReadonlyArray<Column<ManagementReview>> = [
  { header: 'Convened', rowHeader: true, cell: (r) => <Link to={`/management-reviews/${r.id}`}>{formatDateTime(r.convenedAt)}</Link> },
  { header: 'Meeting', cell: (r) => formatDateTime(r.meetingAt) },
  { header: 'Status', cell: (r) => <StatusBadge value={r.status} /> },
  { header: 'Participants', cell: (r) => r.participants.length },
  { header: 'Decisions', cell: (r) => (r.status === 'held' ? r.decisions.length : '—') },
];
