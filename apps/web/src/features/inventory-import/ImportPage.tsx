import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type Ref } from 'react';
import { Link } from 'react-router';
import { idempotencyKey } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { may } from '../../app/access';
import { useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { TextField } from '../../components/Field';
import { FormProblem } from '../../components/FormProblem';
import { LoadingState } from '../../components/LoadingState';
import { QueryView } from '../../components/QueryView';
import { ForbiddenView } from '../../components/StatusPage';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ImportReportView } from './ImportReportView';
import { importQuery, recentImportsQuery, useCommitImport, useDryRun, useFinishWorkflowStarts, type ImportCommit, type InventoryImport } from './import-queries';
import '../management-system/management-system.css';
import './inventory-import.css';

/**
 * /inventory/import (governance office, admins): choose a CSV or XLSX file, see the dry run's
 * report (every problem by row and column, the counts), then import it, all rows or none. The
 * report and the outcome take focus when they arrive, so a screen reader reads them next.
 */
export default function ImportPage() {
  useDocumentTitle('Import AI systems');
  const { user } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState<string>(idempotencyKey);
  const [missingFile, setMissingFile] = useState(false);
  const dryRun = useDryRun();
  const commit = useCommitImport();
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const outcomeHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (dryRun.data) reportHeading.current?.focus();
  }, [dryRun.data]);
  useEffect(() => {
    if (commit.data) outcomeHeading.current?.focus();
  }, [commit.data]);

  if (!may(user, 'ai_system.import')) return <ForbiddenView reason="Importing the inventory is for the governance office and administrators." />;

  function choose(chosen: File | null) {
    setFile(chosen);
    setMissingFile(false);
    dryRun.reset();
    commit.reset();
    // a new file is a new intended import
    setKey(idempotencyKey());
  }

  function check(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setMissingFile(true);
      return;
    }
    commit.reset();
    dryRun.mutate(file);
  }

  const report = dryRun.data;
  const changes = report ? report.summary.create + report.summary.update : 0;
  return (
    <section aria-labelledby="import-title" className="page ms-page import">
      <p className="breadcrumb">
        <Link to="/inventory">Inventory</Link>
      </p>
      <h1 id="import-title">Import AI systems</h1>
      <p className="page__lead">
        Register and update AI systems from a CSV or XLSX file, one row per system, each named by its External ID. Checking the file writes nothing; importing writes
        every row or none.
      </p>
      <details className="import__help">
        <summary>Which columns, and what an import may change</summary>
        <p>
          External ID, Name, Purpose, Intended use, Accountable owner email, Business unit, Data sources, Data categories, Personal data, Special category data, Model type,
          Vendor type, Vendor name (for third-party systems), Deployment context, Affected stakeholders and Autonomy level. Lists take one item per line or items separated
          by semicolons; yes/no columns take true or false. Headers are matched whatever their case and spacing.
        </p>
        <p>
          A known External ID updates that system: its name and business unit at any stage, what it does only while it is in design; after an approval a change of what it
          does needs a material change, and the check says so. The accountable owner of a registered system is not changed by an import.
        </p>
        <ul className="link-row">
          <li>
            <a href="/api/v1/ai-systems/imports/template.csv" download>
              Download an empty template (CSV)
            </a>
          </li>
          <li>
            <a href="/api/v1/ai-systems/export.xlsx" download>
              Download the inventory (XLSX) to edit
            </a>
          </li>
        </ul>
      </details>

      <form className="panel panel--action import__form" onSubmit={check} noValidate aria-labelledby="import-file-title">
        <h2 id="import-file-title">1. Check a file</h2>
        <TextField
          label="CSV or XLSX file"
          hint="Up to 5,000 rows and 10 MB unless your administrator set other limits. CSV in UTF-8."
          type="file"
          name="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
          error={missingFile ? 'Choose a file first.' : undefined}
        />
        <button type="submit" className="button" disabled={dryRun.isPending}>
          {dryRun.isPending ? 'Checking…' : 'Check the file'}
        </button>
      </form>

      {dryRun.isPending ? <LoadingState label="Checking every row…" /> : null}
      <FormProblem error={dryRun.error} />

      {report ? (
        <>
          <ImportReportView ref={reportHeading} report={report} title={report.valid ? 'The file can be imported' : 'The file has problems'} />
          {commit.data ? null : (
            <div className="panel import__commit">
              <h2>2. Import</h2>
              {!report.valid ? (
                <p>Nothing can be imported until every problem is fixed: correct the file and check it again.</p>
              ) : changes === 0 ? (
                <p className="notice notice--ok">Every row matches its system: there is nothing to import.</p>
              ) : (
                <>
                  <p>
                    This registers {report.summary.create.toLocaleString()} and updates {report.summary.update.toLocaleString()} AI systems. New systems start their lifecycle
                    in design.
                  </p>
                  <button type="button" className="button" disabled={commit.isPending || !file} onClick={() => file && commit.mutate({ file, key })}>
                    {commit.isPending ? 'Importing…' : `Import ${changes.toLocaleString()} ${changes === 1 ? 'system' : 'systems'}`}
                  </button>
                </>
              )}
              {commit.isPending ? <LoadingState label="Importing and starting lifecycle workflows…" /> : null}
              <FormProblem error={commit.error} />
            </div>
          )}
        </>
      ) : null}

      {commit.data ? <ImportOutcome ref={outcomeHeading} outcome={commit.data} /> : null}
      <RecentImports />
    </section>
  );
}

function ImportOutcome({ outcome, ref }: { outcome: ImportCommit; ref: Ref<HTMLHeadingElement> }) {
  const finish = useFinishWorkflowStarts();
  // A large import answers while its workflows are still being started: follow it until they are.
  const followed = useQuery({ ...importQuery(outcome.import?.id ?? ''), enabled: Boolean(outcome.import && outcome.workflows.running) });
  const imported = finish.data ?? followed.data ?? outcome.import;
  const starts = imported ? imported.workflows : outcome.workflows;
  return (
    <section className="panel import__outcome" aria-labelledby="import-outcome-title">
      <h2 id="import-outcome-title" ref={ref} tabIndex={-1}>
        {outcome.import ? 'Imported' : 'Nothing to import'}
      </h2>
      {outcome.import ? (
        <p>
          Registered {outcome.import.created.toLocaleString()}, updated {outcome.import.updated.toLocaleString()}, left {outcome.import.unchanged.toLocaleString()} unchanged.
        </p>
      ) : (
        <p>Every row matched its system; nothing was written.</p>
      )}
      {starts.toStart ? (
        <p role="status">
          {starts.running
            ? `Starting lifecycle workflows: ${starts.started.toLocaleString()} of ${starts.toStart.toLocaleString()} so far…`
            : `Lifecycle workflows started: ${starts.started.toLocaleString()} of ${starts.toStart.toLocaleString()}.`}
        </p>
      ) : null}
      {starts.pending > 0 && !starts.running && imported ? (
        <div className="notice">
          <p>
            {starts.pending.toLocaleString()} lifecycle {starts.pending === 1 ? 'workflow has' : 'workflows have'} not started (the workflow service did not answer). The
            systems are imported; start the rest now or later from the list below.
          </p>
          <button type="button" className="button button--secondary" disabled={finish.isPending} onClick={() => finish.mutate(imported.id)}>
            {finish.isPending ? 'Starting…' : 'Start the remaining workflows'}
          </button>
          <FormProblem error={finish.error} />
        </div>
      ) : null}
      <p>
        <Link to="/inventory">Back to the inventory</Link>
      </p>
    </section>
  );
}

function RecentImports() {
  const imports = useQuery(recentImportsQuery);
  const columns: ReadonlyArray<Column<InventoryImport>> = [
    { header: 'Imported', rowHeader: true, cell: (i) => formatDateTime(i.committedAt) },
    { header: 'File', cell: (i) => i.fileName ?? i.format.toUpperCase() },
    { header: 'By', cell: (i) => i.importedBy },
    { header: 'Registered / updated / unchanged', cell: (i) => `${i.created} / ${i.updated} / ${i.unchanged}` },
    {
      header: 'Workflows',
      cell: (i) =>
        i.status === 'completed' ? (i.created ? 'All started' : '—') : i.workflows.running ? `Starting: ${i.workflows.started} of ${i.workflows.toStart}` : <PendingStarts item={i} />,
    },
  ];
  return (
    <section aria-labelledby="recent-imports-title" className="import__recent">
      <h2 id="recent-imports-title">Recent imports</h2>
      <QueryView query={imports} loading="Loading recent imports…" isEmpty={(d) => d.items.length === 0} empty={<EmptyState title="No import yet" />}>
        {(data) => <DataTable label="Recent imports" columns={columns} rows={data.items} rowKey={(i) => i.id} />}
      </QueryView>
    </section>
  );
}

function PendingStarts({ item }: { item: InventoryImport }) {
  const finish = useFinishWorkflowStarts();
  return (
    <>
      {item.workflows.pending} of {item.workflows.toStart} pending{' '}
      <button type="button" className="button button--secondary button--small" disabled={finish.isPending} onClick={() => finish.mutate(item.id)} aria-label={`Start the pending workflows of the import of ${formatDateTime(item.committedAt)}`}>
        Start them
      </button>
      <FormProblem error={finish.error} />
    </>
  );
}
