import type { ImportReportView } from './dto/import-report.view';
import type { ImportPlan } from './import-plan';
import type { ImportTable } from './import-table';

/** The most problems one answer lists; the summary counts them all. */
export const MAX_LISTED_PROBLEMS = 10_000;

/** A plan as the dry run (and the commit) reports it: counts, every problem, every row that does something. */
export function importReport(table: ImportTable, plan: ImportPlan, file: { sha256: string; name: string | null }, ignoredColumns: string[]): ImportReportView {
  const count = (action: string) => plan.results.filter((r) => r.action === action).length;
  return {
    format: table.format,
    sheetName: table.sheetName,
    fileName: file.name,
    fileSha256: file.sha256,
    valid: plan.problems.length === 0,
    summary: {
      rows: table.rows.length,
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      invalid: count('invalid'),
      problems: plan.problems.length,
    },
    problems: plan.problems.slice(0, MAX_LISTED_PROBLEMS),
    problemsOmitted: Math.max(plan.problems.length - MAX_LISTED_PROBLEMS, 0),
    rows: plan.results.filter((r) => r.action !== 'unchanged'),
    ignoredColumns,
  };
}
