import { existsSync } from 'node:fs';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { APP_CONFIG, GOVERNANCE_POLICY } from '@aigov/config/config.module';
import type { GovernancePolicy } from '@aigov/domain/governance-policy.types';
import { aliasWorkflowImports } from '@aigov/temporal/workflow-path-aliases';
import { workflowInterceptorModules } from '@aigov/temporal/workflow-interceptor-modules';
import { temporalDataConverter } from '@aigov/temporal/temporal-data-converter';
import { temporalConnectionOptions } from '@aigov/temporal/temporal-connection-options';
import { requestIdActivityInterceptors } from './request-id.activity-interceptor';
import { upsertGovernanceSchedules } from './governance-schedules';
import { upsertRiskReviewSchedule } from './risk-review-schedule';
import { upsertControlHealthSnapshotSchedule } from './control-health-snapshot-schedule';
import { upsertManualEvidenceExpirySchedule } from './manual-evidence-expiry-schedule';
import { upsertAuditCheckpointSchedule } from './audit-checkpoint-schedule';
import { startWebhookDispatcher } from './webhook-dispatcher-start';
import { AppConfig } from '@aigov/config/app-config';
import { GovernanceActivitiesRegistry } from './activities/governance-activities.registry';
import { workerOptionsOf } from './worker-tuning';

/**
 * Owns the Temporal Worker: created on bootstrap, its run() promise kept, and on shutdown
 * drained (shutdown, then await run) before the connection closes.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: GovernanceActivitiesRegistry,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
  ) {}

  /** Resolves when the worker stops; rejects if it fails, so the process can exit non-zero. */
  get done(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async onApplicationBootstrap(): Promise<void> {
    const { address, namespace, taskQueue, payloadKeys } = this.config.temporal;
    // The worker encrypts what it sends (activity results, workflow commands) and decrypts what
    // it reads, with the same converter as the API's client; the codec runs outside the sandbox.
    const dataConverter = temporalDataConverter(payloadKeys);
    this.connection = await NativeConnection.connect(temporalConnectionOptions(this.config.temporal));
    const bundle = this.config.workflowBundlePath;
    const workflowSource =
      bundle && existsSync(bundle)
        ? { workflowBundle: { codePath: bundle } }
        : // Development fallback: bundle from source at start (slower, same code).
          { workflowsPath: require.resolve('../../../workflows/src/index'), bundlerOptions: { webpackConfigHook: aliasWorkflowImports } };
    // A pre-built bundle carries its workflow interceptors (scripts/bundle-workflows.ts); bundled here, the worker adds them.
    const workflowModules = 'workflowsPath' in workflowSource ? workflowInterceptorModules() : [];
    this.worker = await Worker.create({
      connection: this.connection,
      namespace,
      taskQueue,
      dataConverter,
      ...workflowSource,
      activities: this.registry.activities(),
      interceptors: { activity: [requestIdActivityInterceptors], workflowModules },
      ...workerOptionsOf(this.config.workerTuning),
    });
    // Management reviews and internal audits run on schedules the policy sets.
    const clientConnection = await Connection.connect(temporalConnectionOptions(this.config.temporal));
    try {
      // Schedules carry their workflows' arguments: encrypted like every other payload.
      const client = new Client({ connection: clientConnection, namespace, dataConverter });
      const schedules = [
        ...(await upsertGovernanceSchedules(client, taskQueue, this.policy)),
        await upsertRiskReviewSchedule(client, taskQueue),
        await upsertControlHealthSnapshotSchedule(client, taskQueue),
        await upsertManualEvidenceExpirySchedule(client, taskQueue),
        await upsertAuditCheckpointSchedule(client, taskQueue),
      ];
      if (schedules.length) this.logger.log(`governance schedules: ${schedules.join(', ')}`);
      // Outbound webhooks: the one workflow that drains the outbox into delivery workflows.
      await startWebhookDispatcher(client, taskQueue);
    } finally {
      await clientConnection.close();
    }
    // Without a signing key the stream heads go unsigned: deleting a stream's newest events would go unnoticed.
    if (!this.config.auditCheckpointKey) this.logger.warn('audit checkpoints are OFF: set AUDIT_CHECKPOINT_SIGNING_KEY (an Ed25519 private key) to sign audit stream heads');
    this.running = this.worker.run();
    this.running.catch((error) => this.logger.error(`worker stopped with an error: ${(error as Error).message}`));
    const encryption = payloadKeys ? `payloads encrypted with key id '${payloadKeys.encryptionKeyId}'` : 'payloads NOT encrypted (no TEMPORAL_PAYLOAD_KEYS)';
    this.logger.log(`polling task queue '${taskQueue}' on ${address} (namespace ${namespace}; ${encryption})`);
  }

  /** For readiness: the worker polls, and the Temporal frontend answers on its connection. */
  async temporalReachable(): Promise<boolean> {
    if (!this.connection || this.worker?.getState() !== 'RUNNING') return false;
    await this.connection.workflowService.getSystemInfo({});
    return true;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
