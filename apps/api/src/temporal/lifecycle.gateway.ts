import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { aiSystemWorkflowId } from '@aigov/temporal/workflow-ids';
import { awaitApprovalSettledUpdate, syncUpdate } from '@aigov/workflows/lifecycle.definitions';
import type { LifecycleInput, LifecycleView } from '@aigov/workflows/lifecycle.types';
import { conflict } from '../common/api-error';
import { idempotentId } from '../common/idempotency-key';
import { mapWorkflowError } from './workflow-error.mapper';

/** Registered workflow type names (strings, so the API never loads workflow code). */
export const LIFECYCLE_WORKFLOW_TYPE = 'aiSystemLifecycle';

/** Read barriers: repeating them is harmless, and a cached answer would be stale. */
const READ_BARRIERS = new Set<string>([syncUpdate.name, awaitApprovalSettledUpdate.name]);

/**
 * The API's only way to change an AI system: start its workflow or send it an Update. Every
 * Update returns after the change is persisted, so a following read of the read model sees it.
 */
@Injectable()
export class LifecycleGateway {
  constructor(
    private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(input: LifecycleInput): Promise<LifecycleView> {
    const workflowId = aiSystemWorkflowId(input.systemId);
    try {
      await this.client.workflow.start(LIFECYCLE_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
      });
    } catch (error) {
      // A retried registration with the same Idempotency-Key derived the same id: same system.
      const retried = error instanceof WorkflowExecutionAlreadyStartedError && idempotentId('register') === input.systemId;
      if (error instanceof WorkflowExecutionAlreadyStartedError && !retried) throw conflict('this AI system is already registered', 'id');
      if (!retried) throw error;
    }
    return this.updateWorkflow(workflowId, syncUpdate, []);
  }

  /** Starts another kind of workflow (a PDCA item); a retried start with the same id is the same item. */
  async startWorkflow(workflowType: string, workflowId: string, args: unknown[]): Promise<void> {
    try {
      await this.client.workflow.start(workflowType, { workflowId, taskQueue: this.config.temporal.taskQueue, args });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /** Starts the schedule's next action now (a management review or internal audit convened ad hoc). */
  async triggerSchedule(scheduleId: string): Promise<void> {
    await this.client.schedule.getHandle(scheduleId).trigger();
  }

  /**
   * Waits until the workflow that started this child has ended: a governed record's workflow
   * (an SoA publication) applies its approval round's outcome and then returns.
   */
  async awaitParentOf(childWorkflowId: string): Promise<void> {
    const child = await this.client.workflow.getHandle(childWorkflowId).describe();
    const parentId = child.parentExecution?.workflowId;
    if (parentId) await this.client.workflow.getHandle(parentId).result().catch(() => undefined);
  }

  update<Ret, Args extends unknown[]>(systemId: string, def: UpdateDefinition<Ret, Args>, args: Args): Promise<Ret> {
    return this.updateWorkflow(aiSystemWorkflowId(systemId), def, args);
  }

  /**
   * Any workflow by id (approval rounds are child workflows with their own ids).
   *
   * Trust boundary: `args` carry the actor (auth/principal.ts actorOf) and sometimes the roles
   * the caller holds; the workflow's validator decides with them and cannot check where they
   * came from. Callers pass only what authentication established, never request input; anyone
   * else who can reach the Temporal frontend could forge both, which is why it is kept private.
   */
  async updateWorkflow<Ret, Args extends unknown[]>(workflowId: string, def: UpdateDefinition<Ret, Args>, args: Args): Promise<Ret> {
    const handle = this.client.workflow.getHandle(workflowId);
    const updateId = READ_BARRIERS.has(def.name) ? undefined : idempotentId(`${workflowId}\n${def.name}`);
    try {
      // A bounded wait: past it the gRPC deadline ends the SDK's polling, and the caller gets the
      // 503 that says the action may still complete (resent with the same Idempotency-Key, the
      // request joins the same Update instead of making a second one).
      return await this.client.withDeadline(Date.now() + this.config.temporal.updateWaitMs, () =>
        (handle.executeUpdate as (d: UpdateDefinition<Ret, Args>, o: { args: Args; updateId?: string }) => Promise<Ret>)(def, {
          args,
          ...(updateId ? { updateId } : {}),
        }),
      );
    } catch (error) {
      throw mapWorkflowError(error, () => conflict('this workflow has ended; no further actions are possible'));
    }
  }
}
