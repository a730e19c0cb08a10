import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../../../libs/config/src/clock';
import { addIsoDuration } from '../../../../libs/domain/src/iso-duration';
import { selectEligibleApprovers } from '../../../../libs/domain/src/segregation-of-duties';
import type { GovernanceActivities, ResolvedApprover } from '../../../../workflows/src/activity.contracts';
import { isAuditRecorded, writeAudit } from './audit-writer';

type Input<K extends keyof GovernanceActivities> = Parameters<GovernanceActivities[K]>[0];

/** Approval tasks: who is asked, task rows, decisions; every write keyed so retries are harmless. */
@Injectable()
export class ApprovalTaskActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async resolveApprovers({ selector, conflicts }: Input<'resolveApprovers'>) {
    const rows: Array<{ id: string; email: string; name: string }> = await this.dataSource.query(
      `SELECT u.id, u.email, u.name FROM users u
        WHERE u.active AND (
          u.roles && $1::text[]
          OR u.email = ANY($2::text[])
          OR ($3 AND u.id = (SELECT o.manager_id FROM users o WHERE o.id = $4))
        )
        ORDER BY u.email`,
      [selector.roles, selector.users.map((e) => e.toLowerCase()), selector.relations.includes('owner_manager'), conflicts.ownerId],
    );
    const { eligible, excluded } = selectEligibleApprovers(rows, {
      submitterId: conflicts.submitterId ?? undefined,
      ownerId: conflicts.ownerId,
    });
    const names = new Map(rows.map((r) => [r.id, r.name]));
    return {
      eligible: eligible.map((e): ResolvedApprover => ({ id: e.id, email: e.email, name: names.get(e.id) ?? e.email })),
      excluded,
    };
  }

  async createApprovalTasks(input: Input<'createApprovalTasks'>): Promise<{ dueAt: string }> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      if (await isAuditRecorded(manager, input.audit.stream, input.audit.entry.seq)) return this.firstDueAt(manager, input);
      const dueAt = new Date(addIsoDuration(now.getTime(), input.dueIn));
      const [system] = await manager.query('SELECT name FROM ai_systems WHERE id = $1', [input.systemId]);
      const title = `Approve "${system?.name ?? input.systemId}" (round ${input.round}, step ${input.stepName})`;
      for (const task of input.tasks) {
        await manager.query(
          `INSERT INTO tasks (id, ai_system_id, kind, workflow_id, round, step_name, step_index, assignee_id, status, title, due_at, created_at)
           VALUES ($1, $2, 'approval', $3, $4, $5, $6, $7, 'open', $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
          [task.id, input.systemId, input.workflowId, input.round, input.stepName, input.stepIndex, task.assigneeId, title, dueAt, now],
        );
      }
      await writeAudit(manager, input.audit.stream, input.systemId, input.audit.entry, now);
      return { dueAt: dueAt.toISOString() };
    });
  }

  private async firstDueAt(manager: EntityManager, input: Input<'createApprovalTasks'>): Promise<{ dueAt: string }> {
    const [first] = await manager.query('SELECT due_at FROM tasks WHERE id = $1', [input.tasks[0]?.id]);
    return { dueAt: new Date(first?.due_at ?? this.clock.now()).toISOString() };
  }

  async recordApprovalDecision(input: Input<'recordApprovalDecision'>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      if (await isAuditRecorded(manager, input.audit.stream, input.audit.entry.seq)) return;
      await manager.query(
        `UPDATE tasks SET status = 'decided', decision = $2, comment = $3, decided_by_id = $4, decided_at = $5
         WHERE id = $1 AND status = 'open'`,
        [input.taskId, input.decision, input.comment, input.actor.userId, now],
      );
      await writeAudit(manager, input.audit.stream, input.systemId, input.audit.entry, now);
    });
  }

  async closeApprovalTasks(input: Input<'closeApprovalTasks'>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      if (input.audit && (await isAuditRecorded(manager, input.audit.stream, input.audit.entry.seq))) return;
      if (input.taskIds.length) {
        await manager.query(`UPDATE tasks SET status = $2 WHERE id = ANY($1::uuid[]) AND status = 'open'`, [input.taskIds, input.status]);
      }
      if (input.audit) await writeAudit(manager, input.audit.stream, input.systemId, input.audit.entry, now);
    });
  }

  async markTasks(input: Input<'markTasks'>): Promise<void> {
    const column = input.field === 'reminded' ? 'reminded_at' : 'escalated_at';
    await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      if (await isAuditRecorded(manager, input.audit.stream, input.audit.entry.seq)) return;
      if (input.taskIds.length) {
        await manager.query(`UPDATE tasks SET ${column} = $2 WHERE id = ANY($1::uuid[]) AND ${column} IS NULL`, [input.taskIds, now]);
      }
      await writeAudit(manager, input.audit.stream, input.audit.systemId, input.audit.entry, now);
    });
  }
}
