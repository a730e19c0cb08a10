import { forwardRef, useState } from 'react';
import { DataTable, type Column } from '../../components/DataTable';
import { Pager } from '../../components/Pager';
import type { ImportProblem, ImportReport, ImportRow } from './import-queries';

const PAGE = 50;

const ACTION_LABELS: Record<ImportRow['action'], string> = {
  create: 'Register',
  update: 'Update',
  unchanged: 'Unchanged',
  invalid: 'Has problems',
};

const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** A dry run's (or a commit's) report: the counts, every problem by row and column, and the rows that do something. */
export const ImportReportView = forwardRef<HTMLHeadingElement, { report: ImportReport; title: string }>(function ImportReportView({ report, title }, heading) {
  const s = report.summary;
  return (
    <section className="panel import-report" aria-labelledby="import-report-title">
      <h2 id="import-report-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p className="panel__meta">
        {report.fileName ?? 'The file'} ({report.format.toUpperCase()}
        {report.sheetName ? `, sheet “${report.sheetName}”` : ''}): {count(s.rows, 'row', 'rows')} of AI systems.
      </p>
      <dl className="import-report__counts">
        <div>
          <dt>To register</dt>
          <dd>{s.create.toLocaleString()}</dd>
        </div>
        <div>
          <dt>To update</dt>
          <dd>{s.update.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd>{s.unchanged.toLocaleString()}</dd>
        </div>
        <div className={s.invalid ? 'import-report__bad' : undefined}>
          <dt>Rows with problems</dt>
          <dd>{s.invalid.toLocaleString()}</dd>
        </div>
      </dl>
      {report.ignoredColumns.length ? <p className="panel__meta">Ignored (written by the export, kept by the engine): {report.ignoredColumns.join(', ')}.</p> : null}
      {report.problems.length ? <ProblemsTable problems={report.problems} omitted={report.problemsOmitted} /> : null}
      {report.rows.some((r) => r.action !== 'invalid') ? <RowsTable rows={report.rows.filter((r) => r.action !== 'invalid')} /> : null}
    </section>
  );
});

const PROBLEM_COLUMNS: ReadonlyArray<Column<ImportProblem>> = [
  { header: 'Row', rowHeader: true, className: 'import-report__num', cell: (p) => p.row },
  { header: 'Column', cell: (p) => (p.column ? <code>{p.column}</code> : '—') },
  { header: 'Problem', className: 'import-report__text', cell: (p) => p.message },
];

function ProblemsTable({ problems, omitted }: { problems: ImportProblem[]; omitted: number }) {
  const [page, setPage] = useState(1);
  const shown = problems.slice((page - 1) * PAGE, page * PAGE);
  return (
    <>
      <h3>{count(problems.length + omitted, 'problem', 'problems')}</h3>
      {omitted ? <p>The first {problems.length.toLocaleString()} are listed.</p> : null}
      <DataTable label="Problems by row and column" columns={PROBLEM_COLUMNS} rows={shown} rowKey={(p) => `${p.row}:${p.column}:${p.code}:${p.message}`} className="ms-table import-report__table" />
      <Pager page={page} pageSize={PAGE} total={problems.length} onPage={setPage} label="Problems" />
    </>
  );
}

const ROW_COLUMNS: ReadonlyArray<Column<ImportRow>> = [
  { header: 'Row', rowHeader: true, className: 'import-report__num', cell: (r) => r.row },
  { header: 'External ID', cell: (r) => r.externalId ?? '—' },
  { header: 'Name', className: 'import-report__text', cell: (r) => r.name ?? '—' },
  { header: 'What happens', cell: (r) => ACTION_LABELS[r.action] },
  { header: 'Changes', cell: (r) => (r.changedColumns.length ? r.changedColumns.join(', ') : '—') },
];

function RowsTable({ rows }: { rows: ImportRow[] }) {
  const [page, setPage] = useState(1);
  return (
    <>
      <h3>Rows that register or update a system</h3>
      <DataTable label="Rows that register or update a system" columns={ROW_COLUMNS} rows={rows.slice((page - 1) * PAGE, page * PAGE)} rowKey={(r) => r.row} className="ms-table import-report__table" />
      <Pager page={page} pageSize={PAGE} total={rows.length} onPage={setPage} label="Rows" />
    </>
  );
}
