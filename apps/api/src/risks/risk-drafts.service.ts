import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { riskDraftKey } from '@aigov/domain/risk-register';
import type { RiskReason, RiskTier } from '@aigov/domain/risk-tier';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { AiSystemEntity, RiskAiSystemEntity, RiskEntity } from '@aigov/persistence/entities';
import type { UserPrincipal } from '../auth/principal';
import { riskAuditStream, auditable } from './risks.service';

/** What an accepted impact assessment hands over. */
export interface AcceptedAssessment {
  version: number;
  riskTier: RiskTier;
  reasons: RiskReason[];
  answers: Record<string, unknown>;
}

/**
 * Draft risks proposed by an impact assessment: one per high-risk trigger, citing it, owned by
 * the system's accountable owner, who rates it. Keyed by system, assessment version and trigger
 * code under a unique constraint, so a resubmitted or retried request proposes each draft once.
 */
@Injectable()
export class RiskDraftsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Returns the ids of the drafts this call created (none when they exist already). */
  async proposeFromAssessment(system: AiSystemEntity, assessment: AcceptedAssessment, by: UserPrincipal): Promise<string[]> {
    if (assessment.riskTier !== 'high') return [];
    const triggers = assessment.reasons.filter((r) => r.tier === 'high');
    const groups = Array.isArray(assessment.answers.vulnerable_groups) ? (assessment.answers.vulnerable_groups as unknown[]).filter((g): g is string => typeof g === 'string') : [];
    const affectedParties = [...new Set([...system.affectedStakeholders, ...groups.map((g) => g.replace(/_/g, ' '))])];
    const created: string[] = [];
    for (const reason of triggers) {
      const id = await this.dataSource.transaction(async (tx) => {
        const now = this.clock.now();
        const draft: RiskEntity = {
          id: randomUUID(),
          title: `${system.name}: ${reason.reference}`.slice(0, 200),
          description: `Proposed by impact assessment v${assessment.version} of ${system.name}: ${reason.text} Rate its likelihood and impact, then choose a treatment.`,
          source: 'ai',
          assets: [system.name],
          threat: reason.text,
          affectedParties,
          inherentLikelihood: null,
          inherentImpact: null,
          inherentScore: null,
          inherentRating: null,
          residualLikelihood: null,
          residualImpact: null,
          residualScore: null,
          residualRating: null,
          treatment: null,
          controls: [],
          pdcaItemIds: [],
          ownerId: system.accountableOwnerId,
          ratedById: null,
          ratedAt: null,
          acceptance: null,
          acceptedById: null,
          acceptedAt: null,
          nextReviewAt: null,
          reviewRemindedFor: null,
          status: 'draft',
          origin: { kind: 'impact_assessment', aiSystemId: system.id, assessmentVersion: assessment.version, reasonCode: reason.code, reference: reason.reference, text: reason.text },
          draftKey: riskDraftKey(system.id, assessment.version, reason.code),
          createdById: by.id,
          createdAt: now,
          updatedAt: now,
        };
        const inserted = await tx.createQueryBuilder().insert().into(RiskEntity).values(draft).orIgnore().returning(['id']).execute();
        if (!(inserted.raw as unknown[]).length) return null;
        await tx.insert(RiskAiSystemEntity, { riskId: draft.id, aiSystemId: system.id });
        await appendNextAuditEvent(tx, {
          streamId: riskAuditStream(draft.id),
          eventType: 'risk.draft_proposed',
          actorId: by.id,
          actorLabel: by.email,
          aiSystemId: system.id,
          payload: { ...auditable(draft), aiSystemIds: [system.id] },
          occurredAt: now,
        });
        return draft.id;
      });
      if (id) created.push(id);
    }
    return created;
  }
}
