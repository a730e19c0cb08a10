import { ApiProperty } from '@nestjs/swagger';
import { MODEL_REGISTRY_OUTCOMES, MODEL_VERSION_PROPOSAL_STATUSES } from '@aigov/domain/model-registry';
import { MONITORING_RESPONSES } from '@aigov/domain/monitoring-response';
import type { ModelRegistryEventEntity } from '@aigov/persistence/entities';
import { isoDate } from '../common/iso-date';
import { HANDLED_MLFLOW_EVENTS } from './mlflow-event';

export class RegisteredModelView {
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty({ type: String, nullable: true, description: 'the MLflow registered model this system runs' }) registeredModelName: string | null;
}

/** One accepted model registry delivery about the system, and what the engine did with it. */
export class ModelRegistryEventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty({ format: 'uuid', description: 'the webhook source (kind mlflow) that delivered it' }) sourceId: string;
  @ApiProperty({ description: "MLflow's X-MLflow-Delivery-Id" }) deliveryId: string;
  @ApiProperty({ enum: HANDLED_MLFLOW_EVENTS }) event: string;
  @ApiProperty() modelName: string;
  @ApiProperty({ type: String, nullable: true }) modelVersion: string | null;
  @ApiProperty({ type: String, nullable: true }) alias: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "the event's data as MLflow sent it (name, version, source, run_id, tags, description, alias, key, value)" })
  facts: Record<string, unknown>;
  @ApiProperty({ enum: MODEL_REGISTRY_OUTCOMES }) outcome: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'the incident (monitoring event of kind incident) an unapproved alias recorded' })
  monitoringEventId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'the incident review (PDCA nonconformity) opened for it' }) incidentItemId: string | null;
  @ApiProperty({ type: String, nullable: true, enum: MODEL_VERSION_PROPOSAL_STATUSES, description: 'for a new version in operation: the proposal the owner completes or dismisses' })
  proposalStatus: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'the material change proposed from it' }) materialChangeId: string | null;
  @ApiProperty({ type: String, nullable: true }) dismissalReason: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) closedById: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: 'when MLflow sent it (its envelope timestamp)' }) sentAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt: string;
}

/** The answer to an accepted delivery: what it was recorded as, and what followed. */
export class MlflowDeliveryResultView {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty({ enum: MODEL_REGISTRY_OUTCOMES }) outcome: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) monitoringEventId: string | null;
  @ApiProperty({ type: String, nullable: true, enum: MONITORING_RESPONSES, description: "what the tier's monitoring policy decided for the incident" })
  response: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) incidentItemId: string | null;
}

export function toModelRegistryEventView(e: ModelRegistryEventEntity): ModelRegistryEventView {
  return {
    id: e.id,
    aiSystemId: e.aiSystemId,
    sourceId: e.sourceId,
    deliveryId: e.deliveryId,
    event: e.event,
    modelName: e.modelName,
    modelVersion: e.modelVersion,
    alias: e.alias,
    facts: e.facts,
    outcome: e.outcome,
    monitoringEventId: e.monitoringEventId,
    incidentItemId: e.incidentItemId,
    proposalStatus: e.proposalStatus,
    materialChangeId: e.materialChangeId,
    dismissalReason: e.dismissalReason,
    closedById: e.closedById,
    closedAt: isoDate(e.closedAt),
    sentAt: isoDate(e.sentAt)!,
    receivedAt: isoDate(e.receivedAt)!,
  };
}
