import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, QueryRunner } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import type { UserPrincipal } from '../../auth/principal';
import { ApiError, conflict, notFound } from '../../common/api-error';
import { idempotentId } from '../../common/idempotency-key';
import type { Page } from '../../common/pagination';
import type { ImportCommitView, ImportReportView, ImportWorkflowStartsView, InventoryImportView } from './dto/import-report.view';
import { loadPlanLookups } from './import-lookups';
import { importReport } from './import-report';
import { ImportPlan, planImport } from './import-plan';
import { importFormatOf, readImportFile } from './import-file.reader';
import { mapHeader, readRows } from './import-rows.util';
import { describeProblem, ImportFileError, ImportTable } from './import-table';
import { ImportWorkflowStarter, StartProgress } from './import-workflow-starter';
import { writeImport } from './import-writer';
import type { UploadedSpreadsheet } from './spreadsheet-upload';

/** First key of the two-key advisory lock that lets one import commit (and start its workflows) at a time. */
const IMPORT_LOCK = [0x696d7074 /* 'impt' */, 1] as const;
/** How long a commit waits for another import to finish before answering 409. */
const LOCK_WAIT_MS = 5_000;


interface ImportRow {
  id: string;
  file_sha256: string;
  file_name: string | null;
  format: 'csv' | 'xlsx';
  row_count: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  imported_by_id: string;
  imported_by_label: string;
  committed_at: Date;
  workflows_started_at: Date | null;
  started: number;
  lock_held: boolean;
}

/** A file read and decided against the database: what the dry run reports and the commit writes. */
interface Decided {
  table: ImportTable;
  plan: ImportPlan;
  report: ImportReportView;
}

/**
 * Importing the AI system inventory from CSV or XLSX. A dry run reads and decides every row and
 * writes nothing. A commit decides again inside one transaction (the rows it names locked) and
 * writes all of it or, if any row has a problem, nothing; then it starts the new systems'
 * lifecycle workflows. One import commits at a time (an advisory lock held from the transaction
 * through the workflow starts), so two imports can never decide on the same stale state.
 */
@Injectable()
export class InventoryImportService implements OnApplicationBootstrap {
  private readonly logger = new Logger('InventoryImport');

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly starter: ImportWorkflowStarter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async dryRun(file: UploadedSpreadsheet, fileName: string | null): Promise<ImportReportView> {
    const table = await this.read(file);
    return (await this.decide(this.dataSource.manager, table, file, fileName, false)).report;
  }

  /**
   * 201 with the import when something was written; 200 when every row already matched (nothing
   * written). The new systems' workflows are started before the answer for up to
   * IMPORT_START_WAIT_SECONDS (10 s);
   * a larger import answers then with `workflows.running` and goes on starting them, still
   * holding the import lock, while GET /ai-systems/imports/{id} shows the progress.
   */
  async commit(file: UploadedSpreadsheet, fileName: string | null, me: UserPrincipal): Promise<{ status: 200 | 201; body: ImportCommitView }> {
    const table = await this.read(file);
    // With an Idempotency-Key a resent commit derives the same import id, so it cannot import twice.
    const importId = idempotentId('inventory-import') ?? randomUUID();
    return this.withImportLock<{ status: 200 | 201; body: ImportCommitView }>(async (runner) => {
      const earlier = await this.find(importId);
      if (earlier) {
        // The first attempt committed and its answer was lost (the key's answer was not kept): finish it and answer it.
        const starts = await this.startWithin((progress) => this.starter.startPending({ importId }, progress));
        const decided = await this.decide(this.dataSource.manager, table, file, fileName, false);
        return { value: { status: 201, body: { import: toView((await this.find(importId))!), workflows: starts.workflows, report: decided.report } }, tail: starts.tail };
      }
      let decided!: Decided;
      let pendingOfFile: string[] = [];
      await runner.startTransaction('READ COMMITTED');
      try {
        decided = await this.decide(runner.manager, table, file, fileName, true);
        const { plan } = decided;
        if (plan.problems.length) throw refusal(plan);
        // Systems of this file an earlier import registered whose workflow has not started: finished with this one.
        pendingOfFile = plan.unchangedSystemIds.concat(plan.updates.map((u) => u.systemId));
        if (!plan.creates.length && !plan.updates.length) {
          await runner.rollbackTransaction();
          const starts = await this.startWithin((progress) => this.starter.startPending({ systemIds: pendingOfFile }, progress));
          return { value: { status: 200, body: { import: null, workflows: starts.workflows, report: decided.report } }, tail: starts.tail };
        }
        await writeImport(
          runner.manager,
          {
            id: importId,
            fileSha256: file.sha256,
            fileName,
            format: table.format,
            sheetName: table.sheetName,
            rows: table.rows.length,
            unchanged: plan.unchangedSystemIds.length,
            importedBy: { id: me.id, label: me.email },
            at: this.clock.now(),
          },
          plan,
        );
        await runner.commitTransaction();
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      }
      const starts = await this.startWithin(async (progress) => {
        await this.starter.startPending({ importId }, progress);
        if (pendingOfFile.length) await this.starter.startPending({ systemIds: pendingOfFile }, progress);
      }, decided.plan.creates.length);
      return { value: { status: 201, body: { import: toView((await this.find(importId))!), workflows: starts.workflows, report: decided.report } }, tail: starts.tail };
    });
  }

  /** Starts what an import left pending (a failed or interrupted start after its commit). */
  async finishWorkflowStarts(id: string): Promise<InventoryImportView> {
    if (!(await this.find(id))) throw notFound(`inventory import ${id} does not exist`, 'id');
    await this.withImportLock(async () => {
      const starts = await this.startWithin((progress) => this.starter.startPending({ importId: id }, progress));
      return { value: undefined, tail: starts.tail };
    });
    return toView((await this.find(id))!);
  }

  async get(id: string): Promise<InventoryImportView> {
    const row = await this.find(id);
    if (!row) throw notFound(`inventory import ${id} does not exist`, 'id');
    return toView(row);
  }

  async list(page: number, pageSize: number): Promise<Page<InventoryImportView>> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<ImportRow[]>(`${IMPORT_SELECT} ORDER BY imp.committed_at DESC, imp.id LIMIT $1 OFFSET $2`, [pageSize, (page - 1) * pageSize]),
      this.dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total FROM inventory_imports`),
    ]);
    return { items: rows.map(toView), page, pageSize, total };
  }

  /**
   * An API process that stopped between an import's commit and its last workflow start leaves
   * starts pending; the next one to start finishes them (in the background, not delaying its
   * start). Nothing is locked unless something is pending.
   */
  onApplicationBootstrap(): void {
    void (async () => {
      const pending = await this.dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM inventory_imports WHERE workflows_started_at IS NULL ORDER BY committed_at LIMIT 100`,
      );
      if (!pending.length) return;
      await this.withImportLock(async () => {
        for (const { id } of pending) {
          const starts = await this.starter.startPending({ importId: id });
          this.logger.log(`finished import ${id}: ${starts.started} of ${starts.toStart} pending lifecycle workflows started`);
        }
        return { value: undefined };
      });
    })().catch((error: Error) => this.logger.warn(`finishing pending imports at start failed: ${error.message}`));
  }

  private async read(file: UploadedSpreadsheet): Promise<ImportTable> {
    try {
      return await readImportFile(file.bytes, importFormatOf(file.mediaType, file.bytes), this.config.inventoryImport);
    } catch (error) {
      if (error instanceof ImportFileError) throw error.toApiError();
      throw error;
    }
  }

  private async decide(m: DataSource['manager'], table: ImportTable, file: UploadedSpreadsheet, fileName: string | null, lock: boolean): Promise<Decided> {
    let header: ReturnType<typeof mapHeader>;
    try {
      header = mapHeader(table.header);
    } catch (error) {
      if (error instanceof ImportFileError) throw error.toApiError();
      throw error;
    }
    const rows = readRows(table, header);
    const plan = planImport(rows, await loadPlanLookups(m, rows.candidates, { lock }));
    return { table, plan, report: importReport(table, plan, { sha256: file.sha256, name: fileName }, header.ignored) };
  }

  private async find(id: string): Promise<ImportRow | undefined> {
    const [row] = await this.dataSource.query<ImportRow[]>(`${IMPORT_SELECT} WHERE imp.id = $1`, [id]);
    return row;
  }

  /**
   * Runs `starts` for up to IMPORT_START_WAIT_SECONDS: the counts so far, and, when it is still going, the
   * rest (`tail`) for the caller to keep the import lock until it ends. A failure while starting
   * (the database gone) ends it: what did not start stays pending, for a later call.
   */
  private async startWithin(
    starts: (progress: StartProgress) => Promise<unknown>,
    expected = 0,
  ): Promise<{ workflows: ImportWorkflowStartsView; tail?: Promise<unknown> }> {
    // `expected`: what is known to need a start before the pending ones have been read (an import's new systems)
    const progress: StartProgress = { toStart: 0, started: 0 };
    const all = starts(progress).then(
      () => true,
      (error: Error) => {
        this.logger.warn(`starting imported systems' workflows stopped: ${error.message}; the rest stay pending`);
        return true;
      },
    );
    const finished = await Promise.race([all, sleep(this.config.inventoryImport.startWaitMs).then(() => false)]);
    const toStart = finished ? progress.toStart : Math.max(progress.toStart, expected);
    const workflows = { toStart, started: progress.started, pending: toStart - progress.started, running: !finished };
    return finished ? { workflows } : { workflows, tail: all };
  }

  /**
   * Runs `work` holding the import lock: a session advisory lock on a connection of its own,
   * waited for a few seconds, then refused with 409. It is released when the work ends, or when
   * the `tail` it hands back ends (workflow starts going on after the answer), or by the server
   * when the connection dies.
   */
  private async withImportLock<T>(work: (runner: QueryRunner) => Promise<{ value: T; tail?: Promise<unknown> }>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const release = async () => {
      await runner.query('SELECT pg_advisory_unlock($1, $2)', [...IMPORT_LOCK]).catch(() => undefined);
      await runner.release();
    };
    let tail: Promise<unknown> | undefined;
    try {
      await runner.connect();
      const deadline = Date.now() + LOCK_WAIT_MS;
      for (;;) {
        const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1, $2) AS locked', [...IMPORT_LOCK]);
        if (locked) break;
        if (Date.now() > deadline) throw conflict('another import is being committed or is starting its workflows; try again when it has finished', 'file');
        await sleep(100);
      }
      const done = await work(runner);
      tail = done.tail;
      return done.value;
    } finally {
      if (tail) void tail.finally(release);
      else await release();
    }
  }
}

const IMPORT_SELECT = `
  SELECT imp.id, imp.file_sha256, imp.file_name, imp.format, imp.row_count, imp.created_count, imp.updated_count, imp.unchanged_count,
         imp.imported_by_id, imp.imported_by_label, imp.committed_at, imp.workflows_started_at,
         (SELECT count(*)::int FROM inventory_import_systems i
           WHERE i.import_id = imp.id AND i.action = 'created' AND i.workflow_started_at IS NOT NULL) AS started,
         -- some API process holds the import lock: committing an import or starting its workflows
         EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted
                   AND l.classid = ${IMPORT_LOCK[0]} AND l.objid = ${IMPORT_LOCK[1]} AND l.objsubid = 2) AS lock_held
    FROM inventory_imports imp`;

function toView(row: ImportRow): InventoryImportView {
  return {
    id: row.id,
    status: row.workflows_started_at ? 'completed' : 'starting_workflows',
    format: row.format,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    rows: row.row_count,
    created: row.created_count,
    updated: row.updated_count,
    unchanged: row.unchanged_count,
    importedById: row.imported_by_id,
    importedBy: row.imported_by_label,
    committedAt: new Date(row.committed_at).toISOString(),
    workflowsStartedAt: row.workflows_started_at ? new Date(row.workflows_started_at).toISOString() : null,
    workflows: {
      toStart: row.created_count,
      started: row.started,
      pending: row.created_count - row.started,
      running: !row.workflows_started_at && row.lock_held,
    },
  };
}

/**
 * A commit with a problem in any row writes nothing: 422 naming the first problem (row and
 * column) and how many more there are; the dry run lists them all.
 */
function refusal(plan: ImportPlan): ApiError {
  const [first] = plan.problems;
  const rows = new Set(plan.problems.map((p) => p.row)).size;
  const more = plan.problems.length - 1;
  const tail = more ? `; ${more} more problem${more > 1 ? 's' : ''} in ${rows} row${rows > 1 ? 's' : ''} in all (a dry run lists every one)` : '';
  return new ApiError(422, `nothing was imported: ${describeProblem(first)}${tail}`, first.column ?? 'file');
}
