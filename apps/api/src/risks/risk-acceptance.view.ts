import { ApiProperty } from '@nestjs/swagger';
import { APPROVAL_ROUND_OUTCOMES } from '@aigov/domain/approval-quorum';
import { RISK_ACCEPTANCE_STATES } from '@aigov/domain/risk-register';

/** A round asked for to accept a risk above the appetite, as the request answers it. */
export class RiskAcceptanceRoundView {
  @ApiProperty({ format: 'uuid' }) riskId: string;
  @ApiProperty({ description: 'the risk’s acceptance rounds are numbered from 1' }) round: number;
  @ApiProperty({ description: 'the riskAcceptance workflow, risk-acceptance:<riskId>:<round>' }) workflowId: string;
  @ApiProperty({ description: 'its approval round (tasks carry subject kind risk_acceptance)' }) approvalWorkflowId: string;
  @ApiProperty({ enum: RISK_ACCEPTANCE_STATES, description: 'what this round made of the acceptance: in_approval while it runs, approved, or needs_approval when it ended otherwise' }) acceptance: string;
  @ApiProperty({ description: 'the residual rating put to the approvers' }) residualRating: string;
  @ApiProperty({ description: 'the policy’s risk appetite it is above' }) appetite: string;
  @ApiProperty({ format: 'uuid' }) requestedById: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty() justification: string;
  @ApiProperty({ enum: APPROVAL_ROUND_OUTCOMES, nullable: true, description: 'null while the round runs' }) outcome: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the decisive comment of a rejection or change request' }) reason: string | null;
}

export class RiskAcceptanceRoundListView {
  @ApiProperty({ enum: RISK_ACCEPTANCE_STATES, nullable: true, type: String, description: 'the risk’s acceptance state now' }) acceptance: string | null;
  @ApiProperty({ type: [RiskAcceptanceRoundView], description: 'newest first' }) items: RiskAcceptanceRoundView[];
}
