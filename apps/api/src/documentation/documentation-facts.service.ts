import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { GOVERNANCE_POLICY } from '@aigov/config/config.module';
import type { DocumentationFacts, PersonRef } from '@aigov/domain/documentation/documentation-document';
import { DEFAULT_ORGANISATION, GovernancePolicy } from '@aigov/domain/governance-policy.types';
import { DEFAULT_MONITORING_THRESHOLDS } from '@aigov/domain/monitoring-response';
import {
  AiSystemEntity,
  DeploymentEntity,
  DocumentationStatementEntity,
  ImpactAssessmentEntity,
  MaterialChangeEntity,
  MonitoringEventEntity,
  PdcaItemEntity,
  RiskAiSystemEntity,
  RiskEntity,
  TaskEntity,
} from '@aigov/persistence/entities';
import { describeAssessmentAnswers } from '../actions/assessment-answers';
import { ApprovalHistoryService } from '../approvals/approval-history.service';
import type { UserPrincipal } from '../auth/principal';
import { isoDate } from '../common/iso-date';
import { peopleById } from '../common/people-by-id';
import { EvidenceService } from '../evidence/evidence.service';
import { MonitoringPlansService } from '../monitoring-plans/monitoring-plans.service';

/** How many of the newest records of each kind a document lists in full (counts are always complete). */
const NEWEST = { events: 50, reviews: 50, pdca: 100 } as const;

/**
 * Everything the engine holds about one system that its Annex IV documentation and fundamental
 * rights impact assessment draw on, read from PostgreSQL in one go and handed to the pure
 * builders in libs/domain/src/documentation.
 */
@Injectable()
export class DocumentationFactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly approvals: ApprovalHistoryService,
    private readonly evidence: EvidenceService,
    private readonly plans: MonitoringPlansService,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
  ) {}

  async gather(system: AiSystemEntity, me: UserPrincipal): Promise<DocumentationFacts> {
    const m = this.dataSource.manager;
    const id = system.id;
    const [assessment, risks, history, transitions, deployments, changes, plan, eventCount, events, reviews, items, controls, statements] = await Promise.all([
      m.findOne(ImpactAssessmentEntity, { where: { aiSystemId: id }, order: { version: 'DESC' } }),
      m
        .createQueryBuilder(RiskEntity, 'r')
        .innerJoin(RiskAiSystemEntity, 'l', 'l.riskId = r.id AND l.aiSystemId = :id', { id })
        .orderBy('r.title')
        .addOrderBy('r.id')
        .getMany(),
      this.approvals.history(id, me),
      m.query(
        `SELECT t.from_stage, t.to_stage, t.action, t.reason, t.occurred_at, u.email AS actor
           FROM stage_transitions t LEFT JOIN users u ON u.id = t.actor_id WHERE t.ai_system_id = $1 ORDER BY t.seq`,
        [id],
      ) as Promise<Array<{ from_stage: string | null; to_stage: string; action: string; reason: string | null; occurred_at: Date; actor: string | null }>>,
      m.find(DeploymentEntity, { where: { aiSystemId: id }, order: { deployedAt: 'ASC' } }),
      m.find(MaterialChangeEntity, { where: { aiSystemId: id }, order: { proposedAt: 'ASC' } }),
      this.plans.current(m, id),
      m.count(MonitoringEventEntity, { where: { aiSystemId: id } }),
      m.find(MonitoringEventEntity, { where: { aiSystemId: id }, order: { occurredAt: 'DESC' }, take: NEWEST.events }),
      m.find(TaskEntity, { where: { aiSystemId: id, kind: 'review', status: 'decided' }, order: { decidedAt: 'DESC' }, take: NEWEST.reviews }),
      m.find(PdcaItemEntity, { where: { aiSystemId: id }, order: { createdAt: 'DESC' }, take: NEWEST.pdca }),
      this.evidence.systemControls(id, me),
      m.find(DocumentationStatementEntity, { where: { aiSystemId: id } }),
    ]);
    const people = await peopleById(m, [
      system.accountableOwnerId,
      assessment?.submittedById,
      ...risks.map((r) => r.ownerId),
      plan?.responsibleId,
      plan?.createdById,
      ...deployments.map((d) => d.deployedById),
      ...reviews.map((t) => t.decidedById),
      ...statements.map((s) => s.updatedById),
    ]);
    const person = (userId: string | null | undefined): PersonRef | null => (userId ? (people.get(userId) ?? { id: userId, name: 'unknown person', email: '' }) : null);
    const tier = system.riskTier && system.riskTier !== 'prohibited' ? this.policy.tiers[system.riskTier] : undefined;

    return {
      organisation: this.policy.organisation?.name ?? DEFAULT_ORGANISATION.name,
      compiledAt: this.clock.now().toISOString(),
      system: {
        id,
        name: system.name,
        purpose: system.purpose,
        intendedUse: system.intendedUse,
        businessUnit: system.businessUnit,
        deploymentContext: system.deploymentContext,
        modelType: system.modelType,
        vendorType: system.vendorType,
        vendorName: system.vendorName,
        autonomyLevel: system.autonomyLevel,
        dataSources: system.dataSources,
        dataCategories: system.dataCategories,
        personalData: system.personalData,
        specialCategoryData: system.specialCategoryData,
        affectedStakeholders: system.affectedStakeholders,
        stage: system.stage,
        riskTier: system.riskTier,
        riskReasons: (system.riskReasons ?? []).map((r) => ({ code: r.code, text: r.text })),
        currentVersion: system.currentVersion,
        lastApprovedVersion: system.lastApprovedVersion,
        registeredAt: system.createdAt.toISOString(),
        owner: person(system.accountableOwnerId)!,
      },
      assessment: assessment
        ? {
            version: assessment.version,
            templateVersion: assessment.templateVersion,
            submittedAt: assessment.submittedAt.toISOString(),
            submittedBy: person(assessment.submittedById),
            answers: describeAssessmentAnswers(assessment.answers),
          }
        : null,
      risks: risks.map((r) => ({
        id: r.id,
        title: r.title,
        threat: r.threat,
        affectedParties: r.affectedParties,
        status: r.status,
        treatment: r.treatment ?? 'not decided',
        inherentRating: r.inherentRating,
        residualRating: r.residualRating,
        acceptance: r.acceptance ?? null,
        owner: person(r.ownerId),
      })),
      approvals: [...history.rounds]
        .sort((a, b) => a.round - b.round)
        .map((r) => ({
          round: r.round,
          outcome: r.outcome,
          startedAt: r.startedAt,
          settledAt: r.settledAt,
          decisions: r.steps.flatMap((step) =>
            step.tasks
              .filter((t) => t.decision)
              .map((t) => ({ step: step.name, person: t.assignee, decision: t.decision!, decidedAt: t.decidedAt, comment: t.comment })),
          ),
        })),
      stageHistory: transitions.map((t) => ({ from: t.from_stage, to: t.to_stage, action: t.action, at: isoDate(t.occurred_at)!, actor: t.actor, reason: t.reason })),
      deployments: deployments.map((d) => ({
        version: d.version,
        environment: d.environment,
        kind: d.kind,
        deployedAt: d.deployedAt.toISOString(),
        deployedBy: person(d.deployedById)?.email ?? null,
        approvalRound: d.approvalRound,
        model: d.modelArtifact,
        datasets: d.dataArtifacts,
      })),
      materialChanges: changes.map((c) => ({
        id: c.id,
        kinds: c.kinds,
        description: c.description,
        proposedVersion: c.proposedVersion,
        status: c.status,
        proposedAt: c.proposedAt.toISOString(),
        decidedAt: isoDate(c.decidedAt),
        deployedAt: isoDate(c.deployedAt),
      })),
      plan: plan
        ? {
            version: plan.version,
            createdAt: plan.createdAt.toISOString(),
            createdBy: person(plan.createdById)!,
            responsible: person(plan.responsibleId)!,
            feedback: plan.feedback,
            metrics: plan.metrics,
          }
        : null,
      monitoringEvents: {
        total: eventCount,
        recent: events.map((e) => ({
          id: e.id,
          kind: e.kind,
          severity: e.severity,
          metric: e.metric,
          observedValue: e.observedValue,
          threshold: e.threshold,
          occurredAt: e.occurredAt.toISOString(),
          source: e.source,
          description: e.description,
        })),
      },
      reviews: reviews.map((t) => ({
        taskId: t.id,
        title: t.title,
        decidedAt: isoDate(t.decidedAt),
        decision: t.decision,
        decidedBy: person(t.decidedById)?.email ?? null,
        comment: t.comment,
        findings: Object.entries(t.checklist ?? {})
          .filter(([, answer]) => answer.result === 'concern' || answer.result === 'fail')
          .map(([item, answer]) => `${item.replace(/_/g, ' ')}: ${answer.result}${answer.note ? ` (${answer.note})` : ''}`),
        monitoringChecks: t.monitoringChecks ?? null,
      })),
      pdcaItems: items.map((i) => ({
        id: i.id,
        kind: i.kind,
        title: i.title,
        phase: i.phase,
        sourceType: i.sourceType,
        dueAt: isoDate(i.dueAt),
        openedAt: i.createdAt.toISOString(),
      })),
      controls: {
        applicability: controls.applicability.note,
        items: controls.controls.map((c) => ({
          framework: c.framework,
          ref: c.ref,
          title: c.title,
          status: c.status,
          evidenceCount: c.evidenceCount,
          latestEvidenceAt: c.latestEvidenceAt,
          reason: c.reasons[0]?.message ?? null,
        })),
      },
      statements: Object.fromEntries(
        statements.map((s) => [s.key, { text: s.text, version: s.version, updatedAt: s.updatedAt.toISOString(), updatedBy: person(s.updatedById)?.email ?? '' }]),
      ) as DocumentationFacts['statements'],
      tierPolicy: tier ? { reviewCadence: tier.review.cadence, monitoring: { ...(tier.monitoring ?? DEFAULT_MONITORING_THRESHOLDS) } } : null,
    };
  }

}
