import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { GOVERNANCE_POLICY } from '@aigov/config/config.module';
import { DEFAULT_PDCA_POLICY, GovernancePolicy } from '@aigov/domain/governance-policy.types';
import { addIsoDuration } from '@aigov/domain/iso-duration';
import type { GovernanceCyclePolicy } from '@aigov/workflows/activity.contracts';
import type { PdcaChange } from '@aigov/workflows/pdca.types';
import { writeAudit } from './audit-writer';

/**
 * Writes PDCA item steps to the read model and the item's audit chain in one transaction;
 * projection_seq makes a retried step a no-op.
 */
@Injectable()
export class PdcaActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
  ) {}

  async getGovernanceCyclePolicy(): Promise<GovernanceCyclePolicy> {
    return {
      pdca: this.policy.pdca ?? DEFAULT_PDCA_POLICY,
      managementReview: this.policy.managementReview ?? null,
      internalAudit: this.policy.internalAudit ?? null,
    };
  }

  async applyPdcaChange(change: PdcaChange): Promise<{ dueInMs: number | null }> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      if (change.open) {
        const o = change.open;
        const dueAt = 'at' in o.due ? new Date(o.due.at) : new Date(addIsoDuration(now.getTime(), o.due.within));
        await manager.query(
          `INSERT INTO pdca_items (id, kind, title, description, phase, ai_system_id, source_type, source_id, owner_id, due_at,
             workflow_id, projection_seq, created_by_id, created_at, updated_at)
           VALUES ($1, $2, $3, $4, 'plan', $5, $6, $7, $8, $9, $10, 0, $11, $12, $12) ON CONFLICT (id) DO NOTHING`,
          [o.itemId, o.kind, o.title, o.description, o.aiSystemId, o.source.type, o.source.id, o.ownerId, dueAt, o.workflowId,
            o.createdBy?.userId ?? null, now],
        );
      }
      const [row] = await manager.query('SELECT projection_seq, ai_system_id, due_at FROM pdca_items WHERE id = $1 FOR UPDATE', [change.itemId]);
      if (!row) throw new Error(`pdca item ${change.itemId} has no read-model row`);
      const dueInMs = (due: Date | null) => (due ? due.getTime() - now.getTime() : null);
      if (row.projection_seq >= change.seq) return { dueInMs: dueInMs(row.due_at) };

      const p = change.patch;
      const sets: string[] = ['projection_seq = $2', 'updated_at = $3'];
      const values: unknown[] = [change.itemId, change.seq, now];
      const set = (column: string, value: unknown) => {
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      };
      if (p.phase !== undefined) set('phase', p.phase);
      if (p.ownerId !== undefined) set('owner_id', p.ownerId);
      if (p.rootCause !== undefined) set('root_cause', p.rootCause);
      if (p.plannedAction !== undefined) set('planned_action', p.plannedAction);
      if (p.dueAt) set('due_at', new Date(p.dueAt));
      if (p.completion) {
        set('completion_note', p.completion.note);
        set('completed_by_id', p.completion.byId);
        set('completed_at', now);
        set('evidence', JSON.stringify(p.completion.evidence));
      }
      if (p.verification) {
        set('effective', p.verification.effective);
        set('verification_note', p.verification.note);
        set('verified_by_id', p.verification.byId);
        set('verified_at', now);
      }
      if (p.reopened) sets.push('reopen_count = reopen_count + 1');
      if (p.closed) set('closed_at', now);
      if (p.reminded) set('reminded_at', now);
      if (p.escalated) set('escalated_at', now);
      await manager.query(`UPDATE pdca_items SET ${sets.join(', ')} WHERE id = $1`, values);
      for (const entry of change.audit) await writeAudit(manager, change.auditStream, row.ai_system_id, entry, now);
      const [after] = await manager.query('SELECT due_at FROM pdca_items WHERE id = $1', [change.itemId]);
      return { dueInMs: dueInMs(after.due_at) };
    });
  }
}
