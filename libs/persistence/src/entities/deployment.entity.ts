import type { ArtifactRef } from '@aigov/domain/artifact-ref';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { AiSystemEntity } from './ai-system.entity';

export type DeploymentKind = 'deploy' | 'redeploy' | 'rollback';

/** Which version ran where and under which approval round: the evidence an auditor asks for. */
@Entity({ name: 'deployments' })
@Check('ck_deployments_kind', "kind IN ('deploy', 'redeploy', 'rollback')")
@Index('idx_deployments_ai_system_id_deployed_at', ['aiSystemId', 'deployedAt'])
// authorize by model name (migration 1764503200000); an expression index TypeORM cannot describe
@Index('idx_deployments_model_name', { synchronize: false })
export class DeploymentEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_deployments' })
  id: string;

  @Column({ type: 'uuid', name: 'ai_system_id' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id', foreignKeyConstraintName: 'fk_deployments_ai_system' })
  aiSystem?: Relation<AiSystemEntity>;

  @Column({ type: 'text', name: 'version' })
  version: string;

  @Column({ type: 'text', name: 'environment' })
  environment: string;

  @Column({ type: 'jsonb', name: 'configuration' })
  configuration: Record<string, unknown>;

  @Column({ type: 'integer', name: 'approval_round' })
  approvalRound: number;

  @Column({ type: 'text', name: 'kind' })
  kind: DeploymentKind;

  @Column({ type: 'uuid', name: 'deployed_by_id', nullable: true })
  deployedById: string | null;

  /** the model this deployment ran (name, version, checksum); null when not recorded */
  @Column({ type: 'jsonb', name: 'model_artifact', nullable: true })
  modelArtifact: ArtifactRef | null;

  @Column({ type: 'jsonb', name: 'data_artifacts', default: () => "'[]'" })
  dataArtifacts: ArtifactRef[];

  @Column({ type: 'timestamptz', name: 'deployed_at' })
  deployedAt: Date;
}
