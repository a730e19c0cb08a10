import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { aiSystemWorkflowId } from '@aigov/temporal/workflow-ids';
import type { LifecycleInput } from '@aigov/workflows/lifecycle.types';
import { LIFECYCLE_WORKFLOW_TYPE } from '../../temporal/lifecycle.gateway';

/** Starts in flight at once: the Temporal frontend takes them in parallel; more only queues there. */
const START_CONCURRENCY = 16;
/** One start's deadline: a frontend that does not answer is given up on, not waited for. */
const START_DEADLINE_MS = 15_000;
/** After this many failed starts the rest are left pending: the frontend is down, asking 5,000 times tells nothing more. */
const GIVE_UP_AFTER_FAILURES = 20;
/** Starts recorded per UPDATE: the progress others read moves in steps this small. */
const MARK_BATCH = 100;

export interface WorkflowStarts {
  toStart: number;
  started: number;
  pending: number;
}

/** Counts a caller can read while starts go on (they are added to as workflows start). */
export interface StartProgress {
  toStart: number;
  started: number;
}

interface PendingStart {
  import_id: string;
  ai_system_id: string;
  imported_by_id: string;
  imported_by_label: string;
  name: string;
  purpose: string;
  intended_use: string;
  accountable_owner_id: string;
  business_unit: string;
  data_sources: string[];
  data_categories: string[];
  personal_data: boolean;
  special_category_data: boolean;
  model_type: string;
  vendor_type: 'in_house' | 'third_party';
  vendor_name: string | null;
  deployment_context: string;
  affected_stakeholders: string[];
  autonomy_level: string;
}

/**
 * Starts the lifecycle workflow of each system an import registered, after the import's
 * transaction has committed (a workflow start cannot join a database transaction). Exactly what
 * a registration through the API starts: workflow `ai-system:<system id>` on the lifecycle task
 * queue, its input the registration as stored, created by the person who imported. The workflow
 * id comes from the system id and a duplicate is refused, so starting again (a retry, a resumed
 * import, two API processes finishing the same import) starts nothing twice: "already started"
 * counts as started. Each success is recorded in inventory_import_systems.workflow_started_at;
 * what is not recorded there is still pending, and a later call finishes it.
 */
@Injectable()
export class ImportWorkflowStarter {
  private readonly logger = new Logger('InventoryImport');

  constructor(
    private readonly dataSource: DataSource,
    private readonly client: Client,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Pending starts of one import, or of the named systems (whichever imports registered them). */
  async startPending(scope: { importId: string } | { systemIds: string[] }, progress: StartProgress = { toStart: 0, started: 0 }): Promise<WorkflowStarts> {
    const where = 'importId' in scope ? 'i.import_id = $1' : 'i.ai_system_id = ANY($1::uuid[])';
    const pending: PendingStart[] = await this.dataSource.query(
      `SELECT i.import_id, i.ai_system_id, imp.imported_by_id, imp.imported_by_label,
              s.name, s.purpose, s.intended_use, s.accountable_owner_id, s.business_unit, s.data_sources, s.data_categories,
              s.personal_data, s.special_category_data, s.model_type, s.vendor_type, s.vendor_name, s.deployment_context,
              s.affected_stakeholders, s.autonomy_level
         FROM inventory_import_systems i
         JOIN inventory_imports imp ON imp.id = i.import_id
         JOIN ai_systems s ON s.id = i.ai_system_id
        WHERE ${where} AND i.action = 'created' AND i.workflow_started_at IS NULL
        ORDER BY i.import_id, i.row_number`,
      ['importId' in scope ? scope.importId : scope.systemIds],
    );
    if (!pending.length) return { toStart: 0, started: 0, pending: 0 };
    progress.toStart += pending.length;

    const started: PendingStart[] = [];
    let marked = 0;
    let failures = 0;
    let firstFailure: string | null = null;
    let next = 0;
    const mark = async (all: boolean) => {
      while (started.length - marked >= (all ? 1 : MARK_BATCH)) {
        const batch = started.slice(marked, marked + MARK_BATCH);
        marked += batch.length;
        await this.dataSource.query(
          `UPDATE inventory_import_systems i SET workflow_started_at = $3
             FROM unnest($1::uuid[], $2::uuid[]) AS b(import_id, ai_system_id)
            WHERE i.import_id = b.import_id AND i.ai_system_id = b.ai_system_id AND i.workflow_started_at IS NULL`,
          [batch.map((p) => p.import_id), batch.map((p) => p.ai_system_id), this.clock.now()],
        );
      }
    };
    const worker = async () => {
      while (next < pending.length && failures < GIVE_UP_AFTER_FAILURES) {
        const item = pending[next++];
        try {
          await this.start(item);
          started.push(item);
          progress.started++;
          await mark(false);
        } catch (error) {
          failures++;
          firstFailure ??= (error as Error).message;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(START_CONCURRENCY, pending.length) }, worker));
    await mark(true);
    await this.closeFinishedImports([...new Set(pending.map((p) => p.import_id))]);
    const result = { toStart: pending.length, started: started.length, pending: pending.length - started.length };
    if (result.pending) {
      this.logger.warn(
        `${result.pending} of ${result.toStart} lifecycle workflows of imported systems did not start (first error: ${firstFailure}); they are started by POST /api/v1/ai-systems/imports/{id}/workflow-starts, by importing the file again, or when the API next starts`,
      );
    }
    return result;
  }

  private async start(p: PendingStart): Promise<void> {
    const input: LifecycleInput = {
      systemId: p.ai_system_id,
      registration: {
        name: p.name,
        purpose: p.purpose,
        intendedUse: p.intended_use,
        accountableOwnerId: p.accountable_owner_id,
        businessUnit: p.business_unit,
        dataSources: p.data_sources,
        dataCategories: p.data_categories,
        personalData: p.personal_data,
        specialCategoryData: p.special_category_data,
        modelType: p.model_type,
        vendorType: p.vendor_type,
        vendorName: p.vendor_name,
        deploymentContext: p.deployment_context,
        affectedStakeholders: p.affected_stakeholders,
        autonomyLevel: p.autonomy_level,
        createdBy: { userId: p.imported_by_id, label: p.imported_by_label },
      },
    };
    try {
      await this.client.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        this.client.workflow.start(LIFECYCLE_WORKFLOW_TYPE, {
          workflowId: aiSystemWorkflowId(p.ai_system_id),
          taskQueue: this.config.temporal.taskQueue,
          args: [input],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        }),
      );
    } catch (error) {
      // Started before (a retry after a lost answer, a resumed import): the same system's workflow.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /** Imports with no start left pending are complete. */
  private async closeFinishedImports(importIds: string[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE inventory_imports imp SET workflows_started_at = $2
        WHERE imp.id = ANY($1::uuid[]) AND imp.workflows_started_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM inventory_import_systems i
                           WHERE i.import_id = imp.id AND i.action = 'created' AND i.workflow_started_at IS NULL)`,
      [importIds, this.clock.now()],
    );
  }
}
