import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { subjectApprovalWorkflowId } from '@aigov/temporal/workflow-ids';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { RiskAcceptanceActivities as Contract, riskAuditStreamId } from '@aigov/workflows/risk-acceptance.contracts';

type Input = Parameters<Contract['applyRiskAcceptanceOutcome']>[0];

/** Applies a risk acceptance round's outcome to the risk, in one transaction with its audit event. */
@Injectable()
export class RiskAcceptanceActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async applyRiskAcceptanceOutcome({ riskId, round, outcome, reason }: Input): Promise<{ applied: boolean }> {
    return this.dataSource.transaction(async (m) => {
      const [risk] = await m.query('SELECT id, acceptance FROM risks WHERE id = $1 FOR UPDATE', [riskId]);
      if (!risk) throw new Error(`risk ${riskId} not found`);
      const [row] = await m.query('SELECT outcome FROM risk_acceptance_rounds WHERE risk_id = $1 AND round = $2 FOR UPDATE', [riskId, round]);
      if (!row) throw new Error(`risk ${riskId} has no acceptance round ${round}`);
      // A retry after the commit: the round's outcome is recorded already.
      if (row.outcome !== null) return { applied: false };
      const now = this.clock.now();
      const approvalWorkflowId = subjectApprovalWorkflowId({ kind: 'risk_acceptance', id: riskId }, round);
      await m.query('UPDATE risk_acceptance_rounds SET outcome = $3, reason = $4, decided_at = $5 WHERE risk_id = $1 AND round = $2', [riskId, round, outcome, reason, now]);
      // The risk is in this round (the API refuses ratings, treatments and closing while it runs).
      const current = risk.acceptance === 'in_approval';
      if (outcome === 'approved') {
        const [decider] = await m.query(
          `SELECT decided_by_id, decided_at FROM tasks WHERE workflow_id = $1 AND status = 'decided' AND decision = 'approve' ORDER BY decided_at DESC, id LIMIT 1`,
          [approvalWorkflowId],
        );
        const acceptedById: string | null = decider?.decided_by_id ?? null;
        const acceptedAt: Date = decider?.decided_at ? new Date(decider.decided_at) : now;
        if (current) {
          await m.query(
            `UPDATE risks SET status = 'accepted', acceptance = 'approved', accepted_by_id = $2, accepted_at = $3, updated_at = $4 WHERE id = $1`,
            [riskId, acceptedById, acceptedAt, now],
          );
        }
        await appendNextAuditEvent(m, {
          streamId: riskAuditStreamId(riskId),
          eventType: 'risk.acceptance_approved',
          actorId: acceptedById,
          actorLabel: 'system',
          payload: { round, outcome, acceptedById, acceptedAt: acceptedAt.toISOString(), approvalWorkflowId, applied: current },
          occurredAt: now,
        });
        return { applied: current };
      }
      if (current) await m.query(`UPDATE risks SET acceptance = 'needs_approval', updated_at = $2 WHERE id = $1`, [riskId, now]);
      await appendNextAuditEvent(m, {
        streamId: riskAuditStreamId(riskId),
        eventType: `risk.acceptance_${outcome}`,
        actorId: null,
        actorLabel: 'system',
        payload: { round, outcome, reason, approvalWorkflowId, applied: current },
        occurredAt: now,
      });
      return { applied: current };
    });
  }
}
