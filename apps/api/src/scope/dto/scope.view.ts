import { ApiProperty } from '@nestjs/swagger';
import type { AiSystemScopeEntity } from '@aigov/persistence/entities';
import { SCOPE_AUTONOMY_LEVELS } from '@aigov/domain/scope/approved-scope';
import type { ScopeDiff } from '@aigov/domain/scope/scope-diff';
import { isoDate } from '../../common/iso-date';

export class ScopeContentView {
  @ApiProperty({ type: [String] }) dataCategories: string[];
  @ApiProperty({ type: [String] }) tools: string[];
  @ApiProperty({ type: [String] }) decisions: string[];
  @ApiProperty({ enum: SCOPE_AUTONOMY_LEVELS }) autonomy: string;
}

/** A frozen scope: the one in force (approved) or one it replaced (superseded). */
export class ApprovedScopeView extends ScopeContentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['approved', 'superseded'] }) status: string;
  @ApiProperty({ description: '1, 2, 3 ... per system' }) version: number;
  @ApiProperty({ description: 'SHA-256 (hex) of the canonical JSON of {aiSystemId, version, dataCategories, tools, decisions, autonomy}' }) hash: string;
  @ApiProperty({ format: 'date-time' }) approvedAt: string;
  @ApiProperty({ type: Number, nullable: true, description: 'the approval round that approved it' }) approvalRound: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the material change that brought it; null for the first approval' }) materialChangeId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) supersededAt: string | null;
}

export class ScopeProposalView extends ScopeContentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the material change that proposes it; null before the first approval' }) materialChangeId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) proposedById: string | null;
  @ApiProperty({ format: 'date-time' }) proposedAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ScopeListDiffView {
  @ApiProperty({ type: [String] }) added: string[];
  @ApiProperty({ type: [String] }) removed: string[];
}

export class AutonomyChangeView {
  @ApiProperty({ type: String, enum: SCOPE_AUTONOMY_LEVELS, nullable: true }) from: string | null;
  @ApiProperty({ enum: SCOPE_AUTONOMY_LEVELS }) to: string;
}

export class ScopeDiffView {
  @ApiProperty({ type: ScopeListDiffView }) dataCategories: ScopeListDiffView;
  @ApiProperty({ type: ScopeListDiffView }) tools: ScopeListDiffView;
  @ApiProperty({ type: ScopeListDiffView }) decisions: ScopeListDiffView;
  @ApiProperty({ type: AutonomyChangeView, nullable: true }) autonomy: AutonomyChangeView | null;
  @ApiProperty({ description: 'false when the proposal is the approved scope unchanged' }) changed: boolean;
}

export class AiSystemScopeView {
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty({ type: ApprovedScopeView, nullable: true, description: 'the scope in force, which authorize enforces; null until an approval freezes one' })
  approved: ApprovedScopeView | null;
  @ApiProperty({ type: ScopeProposalView, nullable: true, description: 'the proposal being shaped or judged (registration, assessment, or a pending material change)' })
  proposal: ScopeProposalView | null;
  @ApiProperty({ type: ScopeDiffView, nullable: true, description: 'what the proposal changes against the approved scope' }) diff: ScopeDiffView | null;
  @ApiProperty({ description: 'whether a proposal may be written now (the stage and any open change allow it)' }) proposalOpen: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'why not, when it may not' }) proposalClosedReason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the material change a proposal written now belongs to' }) proposalChangeId: string | null;
  @ApiProperty({ description: 'whether the caller may write it (the accountable owner or the governance office, while proposalOpen)' }) canPropose: boolean;
  @ApiProperty({ type: [ApprovedScopeView], description: 'every approved version, newest first' }) history: ApprovedScopeView[];
}

export function toApprovedScopeView(r: AiSystemScopeEntity): ApprovedScopeView {
  return {
    id: r.id,
    status: r.status,
    version: r.version!,
    hash: r.contentHash!,
    dataCategories: r.dataCategories,
    tools: r.tools,
    decisions: r.decisions,
    autonomy: r.autonomy,
    approvedAt: isoDate(r.approvedAt)!,
    approvalRound: r.approvalRound,
    materialChangeId: r.materialChangeId,
    supersededAt: isoDate(r.supersededAt),
  };
}

export function toScopeProposalView(r: AiSystemScopeEntity): ScopeProposalView {
  return {
    id: r.id,
    materialChangeId: r.materialChangeId,
    proposedById: r.proposedById,
    dataCategories: r.dataCategories,
    tools: r.tools,
    decisions: r.decisions,
    autonomy: r.autonomy,
    proposedAt: isoDate(r.proposedAt)!,
    updatedAt: isoDate(r.updatedAt)!,
  };
}

export const toScopeDiffView = (d: ScopeDiff): ScopeDiffView => d;
