import { useQuery, queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { formatDateTime, humanize } from '../../app/format';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { FiguresTable } from '../dashboard/ChartPanel';
import './reports.css';

const stageReportQuery = queryOptions({
  queryKey: ['reports', 'lifecycle-stages'],
  queryFn: async () => unwrap(await api.GET('/api/v1/reports/lifecycle-stages', { params: { query: { format: 'json' } } })),
});

const STAGE_REPORT = '/api/v1/reports/lifecycle-stages';
const days = (value: number | null) => (value === null ? '—' : value.toFixed(1));

/** /reports: the stage report to read here and download as PDF or CSV, and the inventory as CSV. */
export default function ReportsPage() {
  useDocumentTitle('Reports');
  const report = useQuery(stageReportQuery);
  return (
    <section aria-labelledby="reports-title" className="page reports">
      <h1 id="reports-title">Reports</h1>
      <section className="panel" aria-labelledby="stage-report-title">
        <h2 id="stage-report-title">Lifecycle stage report</h2>
        <p>Where every AI system stands in its lifecycle, by risk tier, how long systems have been in their stage, and what is overdue.</p>
        <p className="reports__downloads">
          <a className="button" href={`${STAGE_REPORT}?format=pdf`} download>
            Download the stage report (PDF)
          </a>
          <a className="button button--secondary" href={`${STAGE_REPORT}?format=csv`} download>
            Download the stage report (CSV)
          </a>
        </p>
        {report.isPending ? (
          <LoadingState label="Loading the stage report…" />
        ) : report.isError ? (
          <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        ) : (
          <>
            <p className="panel__meta">
              As of {formatDateTime(report.data.generatedAt)}: {report.data.total} AI systems, {report.data.overdueReviews} periodic reviews overdue, {report.data.overdueTasks.approval} of{' '}
              {report.data.openApprovalTasks} approval tasks and {report.data.overdueTasks.review} of {report.data.openReviewTasks} review tasks overdue.
            </p>
            <div className="table-scroll" role="region" aria-label="Stage report table" tabIndex={0}>
              <FiguresTable
                visible
                table={{
                  caption: 'AI systems per lifecycle stage, and days in their current stage',
                  columns: ['Stage', 'Systems', 'Average days', 'Longest days'],
                  rows: report.data.byStage.map((s) => ({ key: s.stage, cells: [humanize(s.stage), s.count, days(s.averageDaysInStage), days(s.longestDaysInStage)] })),
                }}
              />
            </div>
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="inventory-export-title">
        <h2 id="inventory-export-title">Inventory</h2>
        <p>Every AI system with its stage, tier, owner, purpose, model, vendor, versions and dates, one row per system.</p>
        <p className="reports__downloads">
          <a className="button button--secondary" href="/api/v1/ai-systems/export.csv" download>
            Download the inventory (CSV)
          </a>
        </p>
        <p className="panel__meta">To export part of it, filter the inventory first and download from there.</p>
      </section>
    </section>
  );
}
