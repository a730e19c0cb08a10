import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, GOVERNANCE_POLICY } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { Clock } from '@aigov/config/clock';
import { isGuardedAlias } from '@aigov/config/mlflow-webhook.config';
import { WEBHOOK_TOLERANCE_SECONDS } from '@aigov/config/monitoring-webhook.config';
import type { GovernancePolicy } from '@aigov/domain/governance-policy.types';
import type { ApprovableRiskTier } from '@aigov/domain/risk-tier';
import { ModelRegistryOutcome, UNAPPROVED_ALIAS_SEVERITY } from '@aigov/domain/model-registry';
import { MONITORED_STAGES } from '@aigov/domain/monitoring-event';
import type { LifecycleStage } from '@aigov/domain/lifecycle-stage';
import { MlflowSignatureError, verifyMlflowDelivery, type MlflowSignatureFailure, type MlflowWebhookHeaders } from '@aigov/notifications/mlflow-webhook-signature';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { ModelRegistryEventEntity } from '@aigov/persistence/entities';
import { MODEL_REGISTRY_NOTICE_WORKFLOW_TYPE, modelRegistryNoticeWorkflowId, type ModelRegistryNoticeInput } from '@aigov/workflows/model-registry-notice.types';
import { AiSystemsService } from '../ai-systems/ai-systems.service';
import type { MonitoringResultView } from '../ai-systems/dto/ai-system.view';
import { ApiError } from '../common/api-error';
import { idempotentId, withIdempotencyKey } from '../common/idempotency-key';
import { LifecycleGateway } from '../temporal/lifecycle.gateway';
import { WebhookSourcesService } from '../webhook-sources/webhook-sources.service';
import { factsOf, MlflowEvent, parseMlflowEvent } from './mlflow-event';
import { MlflowDeliveryResultView } from './model-registry.view';
import { isModelVersionApproved } from './approved-model-versions';
import { modelRegistryAuditStream } from './model-registry-audit';
import { proposalNotice, unapprovedAliasNotice } from './model-registry-notices';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SIGNATURE_FIELD: Record<MlflowSignatureFailure, string> = {
  missing_headers: 'X-MLflow-Signature',
  bad_timestamp: 'X-MLflow-Timestamp',
  timestamp_too_old: 'X-MLflow-Timestamp',
  timestamp_in_future: 'X-MLflow-Timestamp',
  no_matching_signature: 'X-MLflow-Signature',
};

/** What the receiver knows of the governed system a delivery is about. */
interface GovernedSystem {
  id: string;
  name: string;
  stage: LifecycleStage;
  riskTier: string | null;
  accountableOwnerId: string;
}

/** The effect decided before anything is written. */
interface Plan {
  outcome: ModelRegistryOutcome;
  /** record the incident through the lifecycle's monitoring Update (system in a monitored stage) */
  recordIncident: boolean;
}

/**
 * MLflow model registry deliveries, checked in the order that writes nothing until all pass:
 * the source (an active source of kind mlflow, else 401), MLflow's signature over the raw body
 * with X-MLflow-Timestamp inside ±5 minutes (401), the body (400 not MLflow's shape, 422 an
 * event not handled here), the registered model (422 when no live system names it, 403 when the
 * source may not act on that system), then the delivery id not seen before (409). The receipt,
 * the lifecycle's monitoring Update, the registry event and its audit event and the notice's start
 * share one transaction; the Update and notice ids derive from the delivery id, so MLflow's retry
 * of a delivery that failed half-way (it retries 429 and 5xx) acts once.
 */
@Injectable()
export class MlflowDeliveriesService {
  private readonly logger = new Logger('MlflowDeliveries');

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly sources: WebhookSourcesService,
    private readonly systems: AiSystemsService,
    private readonly temporal: LifecycleGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
  ) {}

  async receive(
    sourceId: string,
    headers: Partial<Record<keyof MlflowWebhookHeaders, string | string[] | undefined>>,
    rawBody: Buffer | undefined,
    body: unknown,
  ): Promise<MlflowDeliveryResultView> {
    const now = this.clock.now();
    const credentials = UUID.test(sourceId) ? await this.sources.credentials(sourceId.toLowerCase(), now, 'mlflow') : null;
    // Unknown, disabled and standard sources answer alike, so probing reveals nothing about which exist.
    if (!credentials) throw new ApiError(401, 'unknown or disabled MLflow webhook source', 'sourceId');
    if (!rawBody) throw new ApiError(400, 'a JSON body is required', 'body');
    let delivery: { deliveryId: string; timestamp: Date };
    try {
      delivery = verifyMlflowDelivery(credentials.secrets, headers, rawBody, { now, toleranceSeconds: WEBHOOK_TOLERANCE_SECONDS });
    } catch (error) {
      if (error instanceof MlflowSignatureError) throw new ApiError(401, error.message, SIGNATURE_FIELD[error.reason]);
      throw error;
    }
    if (delivery.deliveryId.length > 255) throw new ApiError(400, 'X-MLflow-Delivery-Id must be at most 255 characters', 'X-MLflow-Delivery-Id');

    const parsed = parseMlflowEvent(body);
    if (!parsed.ok) throw new ApiError(parsed.problem.status, parsed.problem.message, parsed.problem.field);
    const event = parsed.event;
    const system = await this.governedSystem(event.name);
    if (!system) {
      // 422, not 404: the address, the source and the signature are right; the content names a
      // model nothing here governs. MLflow does not retry a 4xx, and there is nothing to retry for.
      throw new ApiError(422, `no live AI system names registered model '${event.name.slice(0, 200)}'; name it on the system first`, 'data.name');
    }
    if (credentials.aiSystemIds && !credentials.aiSystemIds.has(system.id)) {
      throw new ApiError(403, `webhook source '${credentials.source.name}' may not act on the AI system that names registered model '${event.name.slice(0, 200)}'`, 'data.name');
    }
    const plan = await this.plan(event, system);

    const source = credentials.source;
    // Ids derived from (source, delivery id): a redelivery after a failure makes the same records.
    return withIdempotencyKey(`webhook-source:${source.id}`, delivery.deliveryId, () =>
      this.dataSource.transaction(async (tx) => {
        const inserted: unknown[] = await tx.query(
          `INSERT INTO webhook_receipts (source_id, webhook_id, webhook_timestamp, received_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (source_id, webhook_id) DO NOTHING RETURNING webhook_id`,
          [source.id, delivery.deliveryId, delivery.timestamp, now],
        );
        if (inserted.length === 0) {
          throw new ApiError(409, `X-MLflow-Delivery-Id ${delivery.deliveryId} was delivered before; a replay is not acted on again`, 'X-MLflow-Delivery-Id');
        }
        const eventId = idempotentId('model-registry-event')!;
        const incident = plan.recordIncident ? await this.recordIncident(event, system, source.name) : null;
        const outcome = plan.outcome;
        const row: ModelRegistryEventEntity = tx.getRepository(ModelRegistryEventEntity).create({
          id: eventId,
          aiSystemId: system.id,
          sourceId: source.id,
          deliveryId: delivery.deliveryId,
          event: event.event,
          modelName: event.name,
          modelVersion: 'version' in event ? event.version : null,
          alias: 'alias' in event ? event.alias : null,
          facts: factsOf(event),
          outcome,
          monitoringEventId: incident?.eventId ?? null,
          incidentItemId: null,
          proposalStatus: outcome === 'change_proposed' ? 'open' : null,
          materialChangeId: null,
          closedById: null,
          closedAt: null,
          dismissalReason: null,
          sentAt: event.sentAt,
          receivedAt: now,
        });
        // An incident the tier's policy answered with rollback or suspension already has its review (the lifecycle opened it).
        if (outcome === 'alias_unapproved') row.incidentItemId = incident?.incidentItemId ?? idempotentId('model-registry-incident-review')!;
        await tx.insert(ModelRegistryEventEntity, row);
        if (incident) await tx.query('UPDATE webhook_receipts SET monitoring_event_id = $3 WHERE source_id = $1 AND webhook_id = $2', [source.id, delivery.deliveryId, incident.eventId]);
        await appendNextAuditEvent(tx, {
          streamId: modelRegistryAuditStream(system.id),
          eventType: `model_registry.${outcome}`,
          actorId: null,
          actorLabel: `webhook source: ${source.name}`,
          aiSystemId: system.id,
          payload: {
            eventId,
            sourceId: source.id,
            deliveryId: delivery.deliveryId,
            event: event.event,
            facts: factsOf(event),
            outcome,
            monitoringEventId: incident?.eventId ?? null,
            response: incident?.response ?? null,
            incidentItemId: row.incidentItemId,
          },
          occurredAt: now,
        });
        await this.notify(row, event, system, incident, source.name);
        return {
          eventId,
          aiSystemId: system.id,
          outcome,
          monitoringEventId: incident?.eventId ?? null,
          response: incident?.response ?? null,
          incidentItemId: row.incidentItemId,
        };
      }),
    );
  }

  /** The live (not retired) system that names this registered model, if any. */
  private async governedSystem(modelName: string): Promise<GovernedSystem | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, name, stage, risk_tier, accountable_owner_id FROM ai_systems WHERE registered_model_name = $1 AND stage <> 'retired'`,
      [modelName],
    );
    return row ? { id: row.id, name: row.name, stage: row.stage, riskTier: row.risk_tier, accountableOwnerId: row.accountable_owner_id } : null;
  }

  private async plan(event: MlflowEvent, system: GovernedSystem): Promise<Plan> {
    const monitored = (MONITORED_STAGES as readonly string[]).includes(system.stage);
    switch (event.event) {
      case 'registered_model.created':
        return { outcome: 'model_recorded', recordIncident: false };
      case 'model_version.created':
        // A material change replaces the running version; before the first deployment the version is named when it deploys.
        return { outcome: monitored ? 'change_proposed' : 'version_recorded', recordIncident: false };
      case 'model_version_tag.set':
      case 'model_version_tag.deleted':
        return { outcome: 'tag_recorded', recordIncident: false };
      case 'model_version_alias.deleted':
        return { outcome: 'alias_removed', recordIncident: false };
      case 'model_version_alias.created': {
        if (!isGuardedAlias(this.config.mlflow, event.alias)) return { outcome: 'alias_unguarded', recordIncident: false };
        if (await isModelVersionApproved(this.dataSource.manager, system.id, event.name, event.version)) return { outcome: 'alias_approved', recordIncident: false };
        return { outcome: 'alias_unapproved', recordIncident: monitored };
      }
    }
  }

  /**
   * The unapproved alias as a critical incident through the lifecycle's monitoring Update, so
   * the tier's policy decides (record, review, rollback, suspend). Null when the workflow refuses
   * it (the system left operation meanwhile): the incident review is then opened by the notice.
   */
  private async recordIncident(event: MlflowEvent, system: GovernedSystem, sourceName: string): Promise<MonitoringResultView | null> {
    if (event.event !== 'model_version_alias.created') return null;
    try {
      return await this.systems.recordMonitoringEvent(
        system.id,
        {
          kind: 'incident',
          severity: UNAPPROVED_ALIAS_SEVERITY,
          metric: `mlflow alias ${event.alias}`.slice(0, 200),
          source: sourceName,
          description:
            `MLflow alias '${event.alias}' of registered model '${event.name}' points at version ${event.version}, ` +
            'which was never approved for this system (no deployment or approved material change names that model version).',
        },
        null,
      );
    } catch (error) {
      if (error instanceof ApiError && error.getStatus() === 409) {
        this.logger.warn(`system ${system.id} refused the unapproved-alias incident (${(error as Error).message}); recorded without a monitoring event`);
        return null;
      }
      throw error;
    }
  }

  /** Starts the notice (and, for an incident without one, the incident review); its id is the event's, so a retried start is the same. */
  private async notify(
    row: ModelRegistryEventEntity,
    event: MlflowEvent,
    system: GovernedSystem,
    incident: MonitoringResultView | null,
    sourceName: string,
  ): Promise<void> {
    let input: ModelRegistryNoticeInput | null = null;
    if (row.outcome === 'change_proposed' && event.event === 'model_version.created') {
      input = { eventId: row.id, systemId: system.id, ownerId: system.accountableOwnerId, toGovernanceOffice: false, incidentReview: null, ...proposalNotice(event, sourceName) };
    }
    if (row.outcome === 'alias_unapproved' && event.event === 'model_version_alias.created') {
      // The tier's review deadline, as the lifecycle gives its own incident reviews (P14D before a tier is known).
      const tier = system.riskTier && system.riskTier !== 'prohibited' ? this.policy.tiers[system.riskTier as ApprovableRiskTier] : undefined;
      const dueWithin = tier?.review.dueWithin ?? 'P14D';
      const notice = unapprovedAliasNotice(event, system.stage, incident, sourceName);
      input = {
        eventId: row.id,
        systemId: system.id,
        ownerId: system.accountableOwnerId,
        toGovernanceOffice: true,
        subject: notice.subject,
        text: notice.text,
        incidentReview: incident?.incidentItemId
          ? null
          : { itemId: row.incidentItemId!, title: notice.reviewTitle, description: notice.reviewDescription, sourceId: incident?.eventId ?? row.id, dueWithin },
      };
    }
    if (input) await this.temporal.startWorkflow(MODEL_REGISTRY_NOTICE_WORKFLOW_TYPE, modelRegistryNoticeWorkflowId(row.id), [input]);
  }
}
