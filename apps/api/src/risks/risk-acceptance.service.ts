import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { GOVERNANCE_POLICY } from '@aigov/config/config.module';
import type { GovernancePolicy } from '@aigov/domain/governance-policy.types';
import { DEFAULT_RISK_MATRIX, RiskMatrix } from '@aigov/domain/risk-matrix';
import { checkRiskAcceptanceRequest } from '@aigov/domain/risk-register';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { RiskAcceptanceRoundEntity, RiskAiSystemEntity, RiskEntity } from '@aigov/persistence/entities';
import { subjectApprovalWorkflowId } from '@aigov/temporal/workflow-ids';
import { RiskAcceptanceInput, riskAcceptanceWorkflowId, riskAuditStreamId } from '@aigov/workflows/risk-acceptance.contracts';
import { requireAllowed } from '../auth/access';
import type { UserPrincipal } from '../auth/principal';
import { badRequest, conflict, notFound } from '../common/api-error';
import { idempotentId } from '../common/idempotency-key';
import { LifecycleGateway } from '../temporal/lifecycle.gateway';
import type { RequestRiskAcceptanceDto } from './risk-acceptance.dto';
import type { RiskAcceptanceRoundListView, RiskAcceptanceRoundView } from './risk-acceptance.view';
import { RisksService } from './risks.service';

/** Registered workflow type (a string, so the API never loads workflow code). */
const RISK_ACCEPTANCE_WORKFLOW_TYPE = 'riskAcceptance';

/**
 * Accepting a risk above the appetite: the request is checked, recorded (treatment `accept`,
 * acceptance `in_approval`, a row in risk_acceptance_rounds, audit `risk.acceptance_requested`
 * on `risk:<id>`) and the `riskAcceptance` workflow started, all before the transaction
 * commits; a refusal throws before anything is written.
 */
@Injectable()
export class RiskAcceptanceService {
  private readonly matrix: RiskMatrix;

  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: LifecycleGateway,
    private readonly clock: Clock,
    private readonly risks: RisksService,
    @Inject(GOVERNANCE_POLICY) policy: GovernancePolicy,
  ) {
    this.matrix = policy.riskMatrix ?? DEFAULT_RISK_MATRIX;
  }

  async request(id: string, dto: RequestRiskAcceptanceDto, me: UserPrincipal): Promise<RiskAcceptanceRoundView> {
    const requestKey = idempotentId('risk-acceptance') ?? null;
    return this.dataSource.transaction(async (tx) => {
      const risk = await tx.findOne(RiskEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!risk) throw notFound(`risk ${id} does not exist`, 'id');
      const systemIds = (await tx.findBy(RiskAiSystemEntity, { riskId: id })).map((l) => l.aiSystemId);
      await this.risks.requireRead(tx, risk, systemIds, me);
      requireAllowed(me, 'risk.request_acceptance', { ownerId: risk.ownerId });
      if (requestKey) {
        // The same request resent with its Idempotency-Key answers like the first did.
        const earlier = await tx.findOneBy(RiskAcceptanceRoundEntity, { requestKey });
        if (earlier && earlier.riskId === id) return this.view(earlier);
        if (earlier) throw conflict('this Idempotency-Key was used for another risk’s acceptance; use a new key', 'Idempotency-Key');
      }
      const refusal = checkRiskAcceptanceRequest(this.matrix, risk);
      if (refusal) throw refusal.kind === 'not_rated' ? badRequest(refusal.message, refusal.field) : conflict(refusal.message, refusal.field);

      const now = this.clock.now();
      const [{ last }] = await tx.query('SELECT COALESCE(MAX(round), 0)::int AS last FROM risk_acceptance_rounds WHERE risk_id = $1', [id]);
      const round = last + 1;
      const workflowId = riskAcceptanceWorkflowId(id, round);
      const row: RiskAcceptanceRoundEntity = {
        riskId: id,
        round,
        workflowId,
        requestedById: me.id,
        requestedAt: now,
        justification: dto.justification.trim(),
        ratedById: risk.ratedById,
        residualRating: risk.residualRating!,
        requestKey,
        outcome: null,
        reason: null,
        decidedAt: null,
      };
      await tx.insert(RiskAcceptanceRoundEntity, row);
      await tx.update(RiskEntity, { id }, { treatment: 'accept', acceptance: 'in_approval', updatedAt: now });
      await appendNextAuditEvent(tx, {
        streamId: riskAuditStreamId(id),
        eventType: 'risk.acceptance_requested',
        actorId: me.id,
        actorLabel: me.email,
        aiSystemId: systemIds.length === 1 ? systemIds[0] : null,
        payload: {
          round,
          workflowId,
          approvalWorkflowId: subjectApprovalWorkflowId({ kind: 'risk_acceptance', id }, round),
          justification: row.justification,
          residualRating: row.residualRating,
          appetite: this.matrix.appetite,
          ratedById: risk.ratedById,
          treatmentBefore: risk.treatment,
          excluded: [...new Set([risk.ratedById, me.id].filter((x): x is string => !!x))],
        },
        occurredAt: now,
      });
      const input: RiskAcceptanceInput = {
        riskId: id,
        round,
        label: `accepting the risk "${risk.title}" (residual ${row.residualRating})`,
        requestedById: me.id,
        ratedById: risk.ratedById,
      };
      // Started before the commit: if Temporal refuses, nothing above is kept. The round's first
      // step only reads what this transaction wrote once it has committed.
      await this.temporal.startWorkflow(RISK_ACCEPTANCE_WORKFLOW_TYPE, workflowId, [input]);
      return this.view(row);
    });
  }

  /** The risk's acceptance rounds, newest first: who asked, why, and each outcome with its reason. */
  async rounds(id: string, me: UserPrincipal): Promise<RiskAcceptanceRoundListView> {
    const m = this.dataSource.manager;
    const risk = await m.findOneBy(RiskEntity, { id });
    if (!risk) throw notFound(`risk ${id} does not exist`, 'id');
    const systemIds = (await m.findBy(RiskAiSystemEntity, { riskId: id })).map((l) => l.aiSystemId);
    await this.risks.requireRead(m, risk, systemIds, me);
    const rows = await m.find(RiskAcceptanceRoundEntity, { where: { riskId: id }, order: { round: 'DESC' } });
    return { acceptance: risk.acceptance, items: rows.map((r) => this.view(r)) };
  }

  /** A round as the API shows it; its acceptance state follows from its outcome (none yet: in approval). */
  private view(r: RiskAcceptanceRoundEntity): RiskAcceptanceRoundView {
    const acceptance = r.outcome === null ? 'in_approval' : r.outcome === 'approved' ? 'approved' : 'needs_approval';
    return {
      riskId: r.riskId,
      round: r.round,
      workflowId: r.workflowId,
      approvalWorkflowId: subjectApprovalWorkflowId({ kind: 'risk_acceptance', id: r.riskId }, r.round),
      acceptance,
      residualRating: r.residualRating,
      appetite: this.matrix.appetite,
      requestedById: r.requestedById,
      requestedAt: new Date(r.requestedAt).toISOString(),
      justification: r.justification,
      outcome: r.outcome,
      reason: r.reason,
    };
  }
}
