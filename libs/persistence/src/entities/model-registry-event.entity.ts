import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation, Unique } from 'typeorm';
import type { ModelRegistryFacts, ModelRegistryOutcome, ModelVersionProposalStatus } from '@aigov/domain/model-registry';
import { AiSystemEntity } from './ai-system.entity';
import { UserEntity } from './user.entity';
import { WebhookSourceEntity } from './webhook-source.entity';

/**
 * One accepted model registry (MLflow) delivery about a governed system: the registry's facts as
 * sent, what the engine did (outcome), and the records it made: the monitoring event and incident
 * review of an unapproved alias; for a new version in operation, the proposal the owner completes
 * into a material change or dismisses.
 */
@Entity({ name: 'model_registry_events' })
@Unique('uq_model_registry_events_delivery', ['sourceId', 'deliveryId'])
@Index('idx_model_registry_events_ai_system_id_received_at', ['aiSystemId', 'receivedAt'])
@Check(
  'ck_model_registry_events_event',
  "event IN ('registered_model.created', 'model_version.created', 'model_version_tag.set', 'model_version_tag.deleted', 'model_version_alias.created', 'model_version_alias.deleted')",
)
@Check(
  'ck_model_registry_events_outcome',
  "outcome IN ('model_recorded', 'change_proposed', 'version_recorded', 'tag_recorded', 'alias_approved', 'alias_unapproved', 'alias_unguarded', 'alias_removed')",
)
@Check('ck_model_registry_events_proposal_status', "proposal_status IN ('open', 'completed', 'dismissed')")
@Check('ck_model_registry_events_proposal', "(outcome = 'change_proposed') = (proposal_status IS NOT NULL)")
@Check('ck_model_registry_events_closed', "(proposal_status IS NULL OR proposal_status = 'open') = (closed_at IS NULL)")
@Check('ck_model_registry_events_completed', "COALESCE(proposal_status = 'completed', false) = (material_change_id IS NOT NULL)")
export class ModelRegistryEventEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_model_registry_events' })
  id: string;

  @Column({ type: 'uuid', name: 'ai_system_id' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id', foreignKeyConstraintName: 'fk_model_registry_events_ai_system' })
  aiSystem?: Relation<AiSystemEntity>;

  @Column({ type: 'uuid', name: 'source_id' })
  sourceId: string;

  @ManyToOne(() => WebhookSourceEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'fk_model_registry_events_source' })
  source?: Relation<WebhookSourceEntity>;

  /** MLflow's X-MLflow-Delivery-Id */
  @Column({ type: 'varchar', length: 255, name: 'delivery_id' })
  deliveryId: string;

  /** `<entity>.<action>`, e.g. model_version.created */
  @Column({ type: 'text', name: 'event' })
  event: string;

  @Column({ type: 'varchar', length: 256, name: 'model_name' })
  modelName: string;

  @Column({ type: 'text', name: 'model_version', nullable: true })
  modelVersion: string | null;

  @Column({ type: 'text', name: 'alias', nullable: true })
  alias: string | null;

  /** the event's `data` as MLflow sent it (validated): name, version, source, run_id, tags, description, alias, key, value */
  @Column({ type: 'jsonb', name: 'facts' })
  facts: ModelRegistryFacts;

  @Column({ type: 'text', name: 'outcome' })
  outcome: ModelRegistryOutcome;

  /** the incident an unapproved alias recorded through the lifecycle (absent when the system was not in operation) */
  @Column({ type: 'uuid', name: 'monitoring_event_id', nullable: true })
  monitoringEventId: string | null;

  /** the incident review (a PDCA nonconformity) opened for it */
  @Column({ type: 'uuid', name: 'incident_item_id', nullable: true })
  incidentItemId: string | null;

  @Column({ type: 'text', name: 'proposal_status', nullable: true })
  proposalStatus: ModelVersionProposalStatus | null;

  @Column({ type: 'uuid', name: 'material_change_id', nullable: true })
  materialChangeId: string | null;

  @Column({ type: 'uuid', name: 'closed_by_id', nullable: true })
  closedById: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'closed_by_id', foreignKeyConstraintName: 'fk_model_registry_events_closed_by' })
  closedBy?: Relation<UserEntity> | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'text', name: 'dismissal_reason', nullable: true })
  dismissalReason: string | null;

  /** the envelope's timestamp: when MLflow sent it */
  @Column({ type: 'timestamptz', name: 'sent_at' })
  sentAt: Date;

  @Column({ type: 'timestamptz', name: 'received_at' })
  receivedAt: Date;
}
