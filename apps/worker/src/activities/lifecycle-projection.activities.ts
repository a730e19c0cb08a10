import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { GOVERNANCE_POLICY } from '@aigov/config/config.module';
import { addIsoDuration } from '@aigov/domain/iso-duration';
import { ApprovalPolicy, DEFAULT_DOCUMENT_APPROVAL, GovernancePolicy, TierPolicy } from '@aigov/domain/governance-policy.types';
import type { ApprovalSubjectKind } from '@aigov/domain/approval-subject';
import { ApprovableRiskTier } from '@aigov/domain/risk-tier';
import type { AppliedChange, LifecycleChange } from '@aigov/workflows/activity.contracts';
import { writeScopeOfChange } from './approved-scope.writer';
import { writeAudit } from './audit-writer';

/**
 * Writes one lifecycle change to the read model, evidence tables and audit trail in a single
 * transaction. The row's projection_seq makes it idempotent: Temporal may run an activity
 * again after a timeout or a worker crash, and a change already applied is skipped.
 */
@Injectable()
export class LifecycleProjectionActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
  ) {}

  async getTierPolicy(tier: ApprovableRiskTier): Promise<TierPolicy> {
    const policy = this.policy.tiers[tier];
    if (!policy) throw new Error(`the governance policy has no tier '${tier}'`);
    return policy;
  }

  /**
   * The approval policy of a subject other than an AI system: the policy's `soa`,
   * `riskAcceptance` or `questionnaire.approval` section (the parser fills in the default, the
   * governance office, when absent).
   */
  async getSubjectApprovalPolicy(kind: Exclude<ApprovalSubjectKind, 'ai_system'>): Promise<ApprovalPolicy> {
    const own = { soa: this.policy.soa, risk_acceptance: this.policy.riskAcceptance, questionnaire: this.policy.questionnaire?.approval }[kind];
    return own ?? DEFAULT_DOCUMENT_APPROVAL;
  }

  async applyLifecycleChange(change: LifecycleChange): Promise<AppliedChange> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      if (change.registration) await this.insertRegistration(manager, change, now);
      const [row] = await manager.query(
        'SELECT projection_seq, next_review_at FROM ai_systems WHERE id = $1 FOR UPDATE',
        [change.systemId],
      );
      if (!row) throw new Error(`ai system ${change.systemId} has no read-model row`);
      if (row.projection_seq >= change.seq) return this.applied(row.next_review_at, now, await this.reviewTaskDue(manager, change));

      const nextReviewAt = change.scheduleReviewIn ? new Date(addIsoDuration(now.getTime(), change.scheduleReviewIn)) : null;
      await this.writeEvidence(manager, change, now);
      await this.writeMaterialChange(manager, change, now);
      await writeScopeOfChange(manager, change, now);
      await this.updateProjection(manager, change, now, nextReviewAt);
      for (const entry of change.audit) await writeAudit(manager, change.auditStream, change.systemId, entry, now);
      return this.applied(nextReviewAt, now, await this.reviewTaskDue(manager, change));
    });
  }

  /** The due date of a review task this change created (read back, so a retry answers the same). */
  private async reviewTaskDue(manager: EntityManager, change: LifecycleChange): Promise<Date | null> {
    if (!change.reviewTask) return null;
    const [task] = await manager.query('SELECT due_at FROM tasks WHERE id = $1', [change.reviewTask.id]);
    return task?.due_at ? new Date(task.due_at) : null;
  }

  private applied(nextReviewAt: Date | string | null, now: Date, reviewTaskDueAt: Date | null = null): AppliedChange {
    const reviewTaskDueInMs = reviewTaskDueAt ? Math.max(reviewTaskDueAt.getTime() - now.getTime(), 0) : null;
    if (!nextReviewAt) return { nextReviewAt: null, reviewDelayMs: null, reviewTaskDueInMs };
    const at = new Date(nextReviewAt);
    return { nextReviewAt: at.toISOString(), reviewDelayMs: Math.max(at.getTime() - now.getTime(), 0), reviewTaskDueInMs };
  }

  private async writeMaterialChange(manager: EntityManager, change: LifecycleChange, now: Date): Promise<void> {
    if (change.materialChange) {
      const c = change.materialChange;
      await manager.query(
        `INSERT INTO material_changes (id, ai_system_id, kinds, description, proposed_version, model_artifact, data_artifacts, new_purpose,
           new_affected_groups, status, running_version, proposed_by_id, proposed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'assessment', $10, $11, $12) ON CONFLICT (id) DO NOTHING`,
        [c.id, change.systemId, JSON.stringify(c.kinds), c.description, c.version, JSON.stringify(c.model), JSON.stringify(c.datasets),
          c.newPurpose, JSON.stringify(c.newAffectedGroups), c.runningVersion, c.proposedById, now],
      );
    }
    if (change.materialChangeUpdate) {
      const u = change.materialChangeUpdate;
      await manager.query(
        `UPDATE material_changes SET status = $2,
           assessment_version = coalesce($3, assessment_version), approval_round = coalesce($4, approval_round),
           decided_at = CASE WHEN $2 IN ('approved', 'rejected', 'returned') THEN $5 ELSE decided_at END,
           deployed_at = CASE WHEN $2 = 'deployed' THEN $5 ELSE deployed_at END
         WHERE id = $1`,
        [u.id, u.status, u.assessmentVersion ?? null, u.approvalRound ?? null, now],
      );
    }
  }

  private async insertRegistration(manager: EntityManager, change: LifecycleChange, now: Date): Promise<void> {
    const r = change.registration!;
    await manager.query(
      `INSERT INTO ai_systems (id, name, purpose, intended_use, accountable_owner_id, business_unit, data_sources,
         data_categories, personal_data, special_category_data, model_type, vendor_type, vendor_name, deployment_context,
         affected_stakeholders, autonomy_level, stage, approval_round, stage_entered_at, created_by_id, workflow_id,
         projection_seq, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,'design',0,$17,$18,$19,0,$17,$17)
       ON CONFLICT (id) DO NOTHING`,
      [
        change.systemId, r.name, r.purpose, r.intendedUse, r.accountableOwnerId, r.businessUnit,
        JSON.stringify(r.dataSources), JSON.stringify(r.dataCategories), r.personalData, r.specialCategoryData,
        r.modelType, r.vendorType, r.vendorName, r.deploymentContext, JSON.stringify(r.affectedStakeholders),
        r.autonomyLevel, now, r.createdBy.userId, `ai-system:${change.systemId}`,
      ],
    );
  }

  private async writeEvidence(manager: EntityManager, change: LifecycleChange, now: Date): Promise<void> {
    const { systemId } = change;
    if (change.assessment) {
      const a = change.assessment;
      await manager.query(
        `INSERT INTO impact_assessments (id, ai_system_id, version, template_version, answers, risk_tier, reasons, submitted_by_id, submitted_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (ai_system_id, version) DO NOTHING`,
        [systemId, a.version, a.templateVersion, JSON.stringify(a.answers), a.riskTier, JSON.stringify(a.reasons), a.submittedById, now],
      );
    }
    if (change.deployment) {
      const d = change.deployment;
      // Artifacts not given (a rollback, a redeployment) are those the version last ran with.
      await manager.query(
        `INSERT INTO deployments (id, ai_system_id, version, environment, configuration, approval_round, kind, deployed_by_id, deployed_at,
                                  model_artifact, data_artifacts)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9,
                CASE WHEN $10::boolean THEN $11::jsonb ELSE (SELECT p.model_artifact FROM deployments p
                  WHERE p.ai_system_id = $2 AND p.version = $3 ORDER BY p.deployed_at DESC LIMIT 1) END,
                CASE WHEN $12::boolean THEN $13::jsonb ELSE coalesce((SELECT p.data_artifacts FROM deployments p
                  WHERE p.ai_system_id = $2 AND p.version = $3 ORDER BY p.deployed_at DESC LIMIT 1), '[]'::jsonb) END
         ON CONFLICT (id) DO NOTHING`,
        [
          d.id, systemId, d.version, d.environment, JSON.stringify(d.configuration), d.approvalRound, d.kind, change.actor?.userId ?? null, now,
          d.model !== undefined, JSON.stringify(d.model ?? null), d.datasets !== undefined, JSON.stringify(d.datasets ?? []),
        ],
      );
    }
    if (change.monitoringEvent) {
      const e = change.monitoringEvent;
      await manager.query(
        `INSERT INTO monitoring_events (id, ai_system_id, kind, severity, metric, observed_value, threshold, source, description, occurred_at, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) ON CONFLICT (id) DO NOTHING`,
        [e.id, systemId, e.kind, e.severity, e.metric, e.observedValue, e.threshold, e.source, e.description, now],
      );
    }
    if (change.closeTask) {
      const t = change.closeTask;
      await manager.query(
        `UPDATE tasks SET status = $2, decision = $3, comment = $4, decided_by_id = $5, decided_at = $6,
           checklist = coalesce($7::jsonb, checklist), evidence = coalesce($8::jsonb, evidence),
           monitoring_checks = coalesce($9::jsonb, monitoring_checks)
         WHERE id = $1 AND status = 'open'`,
        [t.taskId, t.status, t.decision, t.comment, t.decidedById, now, t.checklist ? JSON.stringify(t.checklist) : null,
          t.evidence ? JSON.stringify(t.evidence) : null, t.monitoringChecks ? JSON.stringify(t.monitoringChecks) : null],
      );
    }
    if (change.markTask) {
      const column = change.markTask.field === 'reminded' ? 'reminded_at' : 'escalated_at';
      await manager.query(`UPDATE tasks SET ${column} = $2 WHERE id = $1 AND status = 'open'`, [change.markTask.taskId, now]);
    }
    if (change.reviewTask) {
      const t = change.reviewTask;
      await manager.query(
        `INSERT INTO tasks (id, ai_system_id, subject_kind, subject_id, kind, workflow_id, round, assignee_id, status, title, due_at, created_at)
         VALUES ($1, $2, 'ai_system', $2, 'review', $3, $4, $5, 'open', $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
        [t.id, systemId, `ai-system:${systemId}`, t.cycle, t.assigneeId, `Periodic review #${t.cycle}: ${t.reason}`,
          new Date(addIsoDuration(now.getTime(), t.dueWithin)), now],
      );
    }
    if (change.transition) {
      const t = change.transition;
      await manager.query(
        `INSERT INTO stage_transitions (ai_system_id, seq, from_stage, to_stage, action, actor_id, reason, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (ai_system_id, seq) DO NOTHING`,
        [systemId, change.seq, t.from, t.to, t.action, change.actor?.userId ?? null, t.reason, now],
      );
    }
  }

  private async updateProjection(manager: EntityManager, change: LifecycleChange, now: Date, nextReviewAt: Date | null) {
    const p = change.projection;
    const sets: string[] = ['projection_seq = $2', 'updated_at = $3'];
    const values: unknown[] = [change.systemId, change.seq, now];
    const set = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (p.stage !== undefined) {
      set('stage', p.stage);
      if (change.transition && change.transition.from !== change.transition.to) set('stage_entered_at', now);
    }
    if (p.riskTier !== undefined) set('risk_tier', p.riskTier);
    if (p.riskReasons !== undefined) set('risk_reasons', JSON.stringify(p.riskReasons));
    if (p.currentVersion !== undefined) set('current_version', p.currentVersion);
    if (p.lastApprovedVersion !== undefined) set('last_approved_version', p.lastApprovedVersion);
    if (p.approvalRound !== undefined) set('approval_round', p.approvalRound);
    if (p.submittedById !== undefined) set('submitted_by_id', p.submittedById);
    if (p.retirementChecklist !== undefined) set('retirement_checklist', JSON.stringify(p.retirementChecklist));
    if (p.purpose !== undefined) set('purpose', p.purpose);
    if (p.affectedStakeholders !== undefined) set('affected_stakeholders', JSON.stringify(p.affectedStakeholders));
    if (nextReviewAt) set('next_review_at', nextReviewAt);
    else if (p.clearNextReview) set('next_review_at', null);
    await manager.query(`UPDATE ai_systems SET ${sets.join(', ')} WHERE id = $1`, values);
  }
}
