import { ApiProperty } from '@nestjs/swagger';
import { RISK_ACCEPTANCE_STATES, RISK_SOURCES, RISK_STATUSES, RISK_TREATMENTS } from '@aigov/domain/risk-register';
import { RISK_SCORINGS } from '@aigov/domain/risk-matrix';
import type { RiskEntity } from '@aigov/persistence/entities';
import { isoDate } from '../common/iso-date';
import { RiskControlRefDto } from './risk.dto';

export class RiskRatingView {
  @ApiProperty() likelihood: string;
  @ApiProperty() impact: string;
  @ApiProperty({ description: 'the cell score on the matrix' }) score: number;
  @ApiProperty({ description: 'the rating band of the score' }) rating: string;
}

export class RiskOriginView {
  @ApiProperty({ enum: ['impact_assessment'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty() assessmentVersion: number;
  @ApiProperty({ description: 'the trigger, e.g. annex3.employment' }) reasonCode: string;
  @ApiProperty({ description: 'its legal reference, e.g. EU AI Act Art. 6(2), Annex III point 4' }) reference: string;
  @ApiProperty() text: string;
}

export class RiskView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: RISK_SOURCES }) source: string;
  @ApiProperty({ type: [String], format: 'uuid' }) aiSystemIds: string[];
  @ApiProperty({ type: [String] }) assets: string[];
  @ApiProperty({ description: 'the threat or harm' }) threat: string;
  @ApiProperty({ type: [String] }) affectedParties: string[];
  @ApiProperty({ type: RiskRatingView, nullable: true }) inherent: RiskRatingView | null;
  @ApiProperty({ type: RiskRatingView, nullable: true }) residual: RiskRatingView | null;
  @ApiProperty({ type: String, nullable: true, description: 'residual rating, else inherent' }) currentRating: string | null;
  @ApiProperty({ enum: RISK_TREATMENTS, nullable: true }) treatment: string | null;
  @ApiProperty({ type: [RiskControlRefDto] }) controls: RiskControlRefDto[];
  @ApiProperty({ type: [String], format: 'uuid' }) pdcaItemIds: string[];
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'who last rated it; never its acceptor' }) ratedById: string | null;
  @ApiProperty({ type: String, nullable: true }) ratedAt: string | null;
  @ApiProperty({ enum: RISK_ACCEPTANCE_STATES, nullable: true, description: 'an acceptance above the appetite and its approval round' }) acceptance: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) acceptedById: string | null;
  @ApiProperty({ type: String, nullable: true }) acceptedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) nextReviewAt: string | null;
  @ApiProperty({ enum: RISK_STATUSES }) status: string;
  @ApiProperty({ type: RiskOriginView, nullable: true, description: 'the impact assessment trigger that proposed this draft' }) origin: RiskOriginView | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class RiskPage {
  @ApiProperty({ type: [RiskView] }) items: RiskView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

const rating = (likelihood: string | null, impact: string | null, score: number | null, value: string | null): RiskRatingView | null =>
  likelihood && impact && score !== null && value ? { likelihood, impact, score, rating: value } : null;

export function toRiskView(r: RiskEntity, aiSystemIds: string[]): RiskView {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    source: r.source,
    aiSystemIds: [...aiSystemIds].sort(),
    assets: r.assets,
    threat: r.threat,
    affectedParties: r.affectedParties,
    inherent: rating(r.inherentLikelihood, r.inherentImpact, r.inherentScore, r.inherentRating),
    residual: rating(r.residualLikelihood, r.residualImpact, r.residualScore, r.residualRating),
    currentRating: r.residualRating ?? r.inherentRating,
    treatment: r.treatment,
    controls: r.controls,
    pdcaItemIds: r.pdcaItemIds,
    ownerId: r.ownerId,
    ratedById: r.ratedById,
    ratedAt: isoDate(r.ratedAt),
    acceptance: r.acceptance,
    acceptedById: r.acceptedById,
    acceptedAt: isoDate(r.acceptedAt),
    nextReviewAt: isoDate(r.nextReviewAt),
    status: r.status,
    origin: r.origin,
    createdById: r.createdById,
    createdAt: isoDate(r.createdAt)!,
    updatedAt: isoDate(r.updatedAt)!,
  };
}

export class RiskBandView {
  @ApiProperty() rating: string;
  @ApiProperty() min: number;
  @ApiProperty() max: number;
}

export class RiskMatrixCellView {
  @ApiProperty() likelihood: string;
  @ApiProperty() impact: string;
  @ApiProperty() score: number;
  @ApiProperty({ description: 'the band of the cell' }) rating: string;
  @ApiProperty({ description: 'above the appetite: accepting needs an approval round' }) aboveAppetite: boolean;
  @ApiProperty({ description: 'risks (not closed) whose inherent rating is in this cell' }) inherent: number;
  @ApiProperty({ description: 'risks (not closed) whose residual rating is in this cell' }) residual: number;
}

/** The heat map's data: the matrix from the policy, and counts per cell. */
export class RiskMatrixReportView {
  @ApiProperty({ type: [String], description: 'lowest first' }) likelihood: string[];
  @ApiProperty({ type: [String], description: 'lowest first' }) impact: string[];
  @ApiProperty({ enum: RISK_SCORINGS }) scoring: string;
  @ApiProperty({ type: [RiskBandView], description: 'lowest first' }) bands: RiskBandView[];
  @ApiProperty({ description: 'the highest rating accepted without an approval round' }) appetite: string;
  @ApiProperty({ type: [RiskMatrixCellView], description: 'every cell, likelihood-major' }) cells: RiskMatrixCellView[];
  @ApiProperty({ description: 'risks not closed and not rated yet (drafts)' }) unrated: number;
  @ApiProperty({ description: 'risks not closed, rated on levels the matrix no longer has' }) offMatrix: number;
  @ApiProperty() generatedAt: string;
}
