import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { AiSystemEntity } from './ai-system.entity';
import { RiskEntity } from './risk.entity';

/** Which AI systems a risk concerns (many to many). */
@Entity({ name: 'risk_ai_systems' })
@Index('idx_risk_ai_systems_ai_system_id', ['aiSystemId'])
export class RiskAiSystemEntity {
  @PrimaryColumn({ type: 'uuid', name: 'risk_id', primaryKeyConstraintName: 'pk_risk_ai_systems' })
  riskId: string;

  @PrimaryColumn({ type: 'uuid', name: 'ai_system_id', primaryKeyConstraintName: 'pk_risk_ai_systems' })
  aiSystemId: string;

  @ManyToOne(() => RiskEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'risk_id', foreignKeyConstraintName: 'fk_risk_ai_systems_risk' })
  risk?: Relation<RiskEntity>;

  @ManyToOne(() => AiSystemEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id', foreignKeyConstraintName: 'fk_risk_ai_systems_ai_system' })
  aiSystem?: Relation<AiSystemEntity>;
}
