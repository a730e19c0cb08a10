import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { TaskEntity, UserEntity } from '@aigov/persistence/entities';
import { APPROVING_ROLES } from '@aigov/domain/governance-policy.types';
import { delegateApprovalTaskUpdate } from '@aigov/workflows/lifecycle.definitions';
import { requireAllowed } from '../auth/access';
import { actorOf, UserPrincipal } from '../auth/principal';
import { ApiError, conflict, notFound } from '../common/api-error';
import { LifecycleGateway } from '../temporal/lifecycle.gateway';
import { TaskView, toTaskView } from './dto/task.view';

export class DelegateCandidateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export interface DelegationView {
  /** the original task, now with status 'delegated' */
  task: TaskView;
  /** the task the delegate received */
  delegatedTask: TaskView;
}

/**
 * Hands an approval task to a colleague. The checks here answer the common mistakes early
 * (unknown people, wrong task); the round's workflow validator decides the rest — whether the
 * delegate may stand in for the step, segregation of duties, one task per person per step —
 * against its own state, so nothing is written when it refuses.
 */
@Injectable()
export class TaskDelegationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: LifecycleGateway,
  ) {}

  /**
   * Whom the assignee can hand an open approval task to, for a picker (an approver may not list
   * users): active people sharing an approving role with the assignee, without the assignee,
   * the system's owner and registrant, and whoever has had a task in the same step (one who
   * handed theirs on included: a person counts once in a step, as the round's workflow keeps
   * it). The step's own rules (people it names, segregation of duties) are still checked on
   * delegation.
   */
  async candidates(taskId: string, me: UserPrincipal): Promise<DelegateCandidateView[]> {
    const m = this.dataSource.manager;
    const task = await m.findOne(TaskEntity, { where: { id: taskId } });
    if (!task) throw notFound(`task ${taskId} does not exist`, 'taskId');
    requireAllowed(me, 'task.delegate', { assigneeId: task.assigneeId });
    if (task.kind !== 'approval') throw conflict('only approval tasks can be delegated; a review belongs to the accountable owner', 'taskId');
    if (task.status !== 'open') throw conflict(`task ${taskId} is ${task.status}; it can no longer be delegated`, 'taskId');
    const assignee = await m.findOneOrFail(UserEntity, { where: { id: task.assigneeId } });
    const roles = assignee.roles.filter((role) => (APPROVING_ROLES as readonly string[]).includes(role));
    if (!roles.length) return [];
    const rows: Array<{ id: string; name: string; email: string }> = await m.query(
      `SELECT u.id, u.name, u.email FROM users u
        WHERE u.active AND u.roles && $1::text[] AND u.id <> $2
          AND NOT EXISTS (SELECT 1 FROM ai_systems s WHERE s.id = $3 AND u.id IN (s.accountable_owner_id, s.created_by_id))
          AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.workflow_id = $4 AND t.round = $5 AND t.step_name IS NOT DISTINCT FROM $6
                            AND t.kind = 'approval' AND t.assignee_id = u.id)
        ORDER BY u.name, u.email LIMIT 200`,
      [roles, task.assigneeId, task.aiSystemId, task.workflowId, task.round, task.stepName],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, email: r.email }));
  }

  async delegate(taskId: string, me: UserPrincipal, delegateId: string, reason: string): Promise<DelegationView> {
    const m = this.dataSource.manager;
    const task = await m.findOne(TaskEntity, { where: { id: taskId } });
    if (!task) throw notFound(`task ${taskId} does not exist`, 'taskId');
    requireAllowed(me, 'task.delegate', { assigneeId: task.assigneeId });
    if (task.kind !== 'approval') throw conflict('only approval tasks can be delegated; a review belongs to the accountable owner', 'taskId');
    if (task.status !== 'open') throw conflict(`task ${taskId} is ${task.status}; it can no longer be delegated`, 'taskId');
    const delegate = await m.findOne(UserEntity, { where: { id: delegateId } });
    if (!delegate) throw notFound(`user ${delegateId} does not exist`, 'delegateId');
    const assignee = await m.findOneOrFail(UserEntity, { where: { id: task.assigneeId } });
    const [owner] = await m.query(
      'SELECT o.manager_id FROM ai_systems s JOIN users o ON o.id = s.accountable_owner_id WHERE s.id = $1',
      [task.aiSystemId],
    );

    const result = await this.lifecycle
      .updateWorkflow(task.workflowId, delegateApprovalTaskUpdate, [
        {
          actor: actorOf(me),
          actorRoles: [...me.roles],
          taskId,
          delegate: { id: delegate.id, email: delegate.email, name: delegate.name, roles: delegate.roles, active: delegate.active },
          assigneeRoles: assignee.roles,
          ownerManagerId: owner?.manager_id ?? null,
          reason: reason.trim(),
        },
      ])
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.getStatus() === 409 && !error.field) {
          throw conflict('this approval round has already been settled', 'taskId');
        }
        throw error;
      });

    const [before, after] = await Promise.all([
      m.findOneOrFail(TaskEntity, { where: { id: taskId }, relations: { aiSystem: true } }),
      m.findOneOrFail(TaskEntity, { where: { id: result.taskId }, relations: { aiSystem: true } }),
    ]);
    return { task: toTaskView(before), delegatedTask: toTaskView(after) };
  }
}
