import { ApiProperty } from '@nestjs/swagger';
import { RISK_TIERS, RiskReason } from '@aigov/domain/risk-tier';
import { RISK_REASON_SCHEMA } from '../../ai-systems/dto/ai-system.view';

/** What submitting these answers would give, computed by the same function the workflow runs; nothing is stored. */
export class AssessmentPreviewView {
  @ApiProperty({ example: '2026-11.1' }) templateVersion: string;
  @ApiProperty({ enum: RISK_TIERS, description: 'the tier these answers lead to; while `unanswered` is not empty, the tier so far' }) riskTier: string;
  @ApiProperty({ type: 'array', items: RISK_REASON_SCHEMA, description: 'every reason, with its legal or standard reference' }) reasons: RiskReason[];
  @ApiProperty({ type: [String], description: 'required questions not answered yet (their ids); submitting needs none' }) unanswered: string[];
}
