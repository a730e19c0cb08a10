import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { addIsoDuration } from '@aigov/domain/iso-duration';
import { DirectoryPerson, MAX_DELEGATION_HOPS, routeApprovers } from '@aigov/domain/approver-routing';
import type { GovernanceActivities, ResolvedApprover } from '@aigov/workflows/activity.contracts';
import { isAuditRecorded, writeAudit } from './audit-writer';
import { aiSystemSubject } from '@aigov/domain/approval-subject';
import { describeApprovalSubject } from '@aigov/persistence/approval-subject.description';

type Input<K extends keyof GovernanceActivities> = Parameters<GovernanceActivities[K]>[0];

/** Approval tasks: who is asked, task rows, decisions; every write keyed so retries are harmless. */
@Injectable()
export class ApprovalTaskActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Loads the people a step's selector covers, plus the out-of-office delegates they lead to,
   * and lets the domain's routing decide who is asked.
   */
  async resolveApprovers({ selector, conflicts, ask, alreadyAsked }: Input<'resolveApprovers'>) {
    const [owner] = await this.dataSource.query('SELECT manager_id FROM users WHERE id = $1', [conflicts.ownerId]);
    const ownerManagerId: string | null = owner?.manager_id ?? null;
    const candidates = await this.directory(
      `u.roles && $1::text[] OR u.email = ANY($2::text[]) OR u.id = $3`,
      [selector.roles, selector.users.map((e) => e.toLowerCase()), selector.relations.includes('owner_manager') ? ownerManagerId : null],
    );
    const directory = new Map(candidates.map((p) => [p.id, p]));
    let missing = candidates.map((p) => p.outOfOfficeDelegateId).filter((id): id is string => !!id && !directory.has(id));
    for (let hop = 0; hop < MAX_DELEGATION_HOPS && missing.length; hop++) {
      for (const p of await this.directory('u.id = ANY($1::uuid[])', [missing])) directory.set(p.id, p);
      missing = [...directory.values()].map((p) => p.outOfOfficeDelegateId).filter((id): id is string => !!id && !directory.has(id));
    }
    const routed = routeApprovers({
      candidates,
      directory,
      selector,
      ownerManagerId,
      conflicts,
      ask,
      alreadyAsked: new Set(alreadyAsked ?? []),
    });
    return {
      eligible: routed.approvers.map((a): ResolvedApprover => ({ id: a.id, email: a.email, name: a.name, onBehalfOf: a.onBehalfOf })),
      excluded: routed.excluded,
    };
  }

  private async directory(where: string, params: unknown[]): Promise<DirectoryPerson[]> {
    const rows: Array<{ id: string; email: string; name: string; roles: string[]; active: boolean; out_of_office_delegate_id: string | null; open_tasks: number }> =
      await this.dataSource.query(
        `SELECT u.id, u.email, u.name, u.roles, u.active, u.out_of_office_delegate_id,
                (SELECT count(*)::int FROM tasks t WHERE t.assignee_id = u.id AND t.status = 'open') AS open_tasks
           FROM users u WHERE (${where}) ORDER BY u.email`,
        params,
      );
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      roles: r.roles,
      active: r.active,
      outOfOfficeDelegateId: r.out_of_office_delegate_id,
      openTasks: r.open_tasks,
    }));
  }

  async createApprovalTasks(input: Input<'createApprovalTasks'>): Promise<{ dueAt: string }> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      if (await isAuditRecorded(manager, input.audit.stream, input.audit.entry.seq)) return this.firstDueAt(manager, input);
      const dueAt = new Date(addIsoDuration(now.getTime(), input.dueIn));
      const subject = input.subject ?? aiSystemSubject(input.systemId as string);
      const described = await describeApprovalSubject(manager, subject.kind, subject.id);
      const title = `Approve "${subject.label ?? described.name}" (round ${input.round}, step ${input.stepName})`;
      for (const task of input.tasks) {
        await manager.query(
          `INSERT INTO tasks (id, ai_system_id, subject_kind, subject_id, kind, workflow_id, round, step_name, step_index, assignee_id, status, title, due_at, created_at, delegated_from_id)
           VALUES ($1, $2, $3, $4, 'approval', $5, $6, $7, $8, $9, 'open', $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING`,
          [task.id, input.systemId, subject.kind, subject.id, input.workflowId, input.round, input.stepName, input.stepIndex, task.assigneeId, title, dueAt, now, task.onBehalfOfId ?? null],
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

  async delegateApprovalTask(input: Input<'delegateApprovalTask'>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      if (await isAuditRecorded(manager, input.audit.stream, input.audit.entry.seq)) return;
      const [from] = await manager.query('SELECT * FROM tasks WHERE id = $1', [input.fromTaskId]);
      if (!from) throw new Error(`task ${input.fromTaskId} not found`);
      await manager.query(
        `INSERT INTO tasks (id, ai_system_id, subject_kind, subject_id, kind, workflow_id, round, step_name, step_index, assignee_id, status, title, due_at, created_at, delegated_from_id)
         VALUES ($1, $2, $3, $4, 'approval', $5, $6, $7, $8, $9, 'open', $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING`,
        [input.task.id, from.ai_system_id, from.subject_kind, from.subject_id, from.workflow_id, from.round, from.step_name, from.step_index, input.task.assigneeId, from.title, from.due_at, now, input.task.onBehalfOfId ?? null],
      );
      await manager.query(
        `UPDATE tasks SET status = 'delegated', delegated_to_task_id = $2, delegation_reason = $3 WHERE id = $1 AND status = 'open'`,
        [input.fromTaskId, input.task.id, input.reason],
      );
      // The old task's emailed links must stop working: the link page and the POST check the task's status.
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
