import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation, Unique } from 'typeorm';
import type { RiskReason, RiskTier } from '@aigov/domain/risk-tier';
import { AiSystemEntity } from './ai-system.entity';

/** Every submitted assessment is kept, versioned per system, so a tier can be traced to its answers. */
@Entity({ name: 'impact_assessments' })
@Unique('uq_impact_assessments_ai_system_version', ['aiSystemId', 'version'])
export class ImpactAssessmentEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_impact_assessments' })
  id: string;

  @Column({ type: 'uuid', name: 'ai_system_id' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id', foreignKeyConstraintName: 'fk_impact_assessments_ai_system' })
  aiSystem?: Relation<AiSystemEntity>;

  @Column({ type: 'integer', name: 'version' })
  version: number;

  @Column({ type: 'text', name: 'template_version' })
  templateVersion: string;

  @Column({ type: 'jsonb', name: 'answers' })
  answers: Record<string, unknown>;

  @Column({ type: 'text', name: 'risk_tier' })
  riskTier: RiskTier;

  @Column({ type: 'jsonb', name: 'reasons' })
  reasons: RiskReason[];

  @Column({ type: 'uuid', name: 'submitted_by_id' })
  submittedById: string;

  @Column({ type: 'timestamptz', name: 'submitted_at' })
  submittedAt: Date;
}
