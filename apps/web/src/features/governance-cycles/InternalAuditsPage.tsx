import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../app/format';
import type { Column } from '../../components/DataTable';
import { StatusBadge } from '../management-system/Badge';
import { CycleListPage } from './CycleListPage';
import { auditsQuery, type InternalAudit } from './cycle-queries';

/** /internal-audits: audits (ISO/IEC 42001 9.2) opened by their schedule, newest first. */
export default function InternalAuditsPage() {
  return (
    <CycleListPage
      kind="audit"
      title="Internal audits"
      lead="Each audit takes the AI inventory as its scope; its report’s findings become PDCA items."
      query={useQuery(auditsQuery)}
      loading="Loading the audits…"
      empty={{ title: 'No internal audit yet', text: 'The first one opens on the policy’s cadence.' }}
      columns={AUDIT_COLUMNS}
    />
  );
}

const AUDIT_COLUMNS: ReadonlyArray<Column<InternalAudit>> = [
  { header: 'Opened', rowHeader: true, cell: (a) => <Link to={`/internal-audits/${a.id}`}>{formatDateTime(a.openedAt)}</Link> },
  { header: 'Due', cell: (a) => formatDate(a.dueAt) },
  { header: 'Status', cell: (a) => <StatusBadge value={a.status} /> },
  { header: 'Systems in scope', cell: (a) => a.scope.length },
  { header: 'Findings', cell: (a) => (a.status === 'completed' ? a.findings.length : '—') },
];
