import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TaskEntity } from '@aigov/persistence/entities';
import { requireAllowed } from '../auth/access';
import type { UserPrincipal } from '../auth/principal';
import { notFound } from '../common/api-error';
import type { Page } from '../common/pagination';
import { ListTasksQuery } from './dto/list-tasks.query';
import { TaskView, toTaskView } from './dto/task.view';

/** The task inbox: a person's own tasks, or everyone's for the oversight roles. */
@Injectable()
export class TasksService {
  constructor(private readonly dataSource: DataSource) {}

  async list(q: ListTasksQuery, me: UserPrincipal): Promise<Page<TaskView>> {
    if (q.assignee === 'all') requireAllowed(me, 'task.list_all');
    const qb = this.dataSource.getRepository(TaskEntity).createQueryBuilder('t').leftJoinAndSelect('t.aiSystem', 's');
    if (q.assignee === 'me') qb.andWhere('t.assignee_id = :me', { me: me.id });
    if (q.status !== 'any') qb.andWhere('t.status = :status', { status: q.status });
    if (q.kind) qb.andWhere('t.kind = :kind', { kind: q.kind });
    if (q.aiSystemId) qb.andWhere('t.ai_system_id = :sid', { sid: q.aiSystemId });
    // idx_tasks_subject_kind_subject_id serves these: one subject's round without reading every task
    if (q.subjectKind) qb.andWhere('t.subject_kind = :subjectKind', { subjectKind: q.subjectKind });
    if (q.subjectId) qb.andWhere('t.subject_id = :subjectId', { subjectId: q.subjectId });
    // Property names, not columns: with a join plus skip/take TypeORM pages by entity and needs them.
    qb.orderBy('t.dueAt', 'ASC', 'NULLS LAST').addOrderBy('t.createdAt', 'ASC').addOrderBy('t.id', 'ASC');
    qb.skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toTaskView), page: q.page, pageSize: q.pageSize, total };
  }

  async get(id: string, me: UserPrincipal): Promise<TaskView> {
    const task = await this.dataSource.getRepository(TaskEntity).findOne({ where: { id }, relations: { aiSystem: true } });
    if (!task) throw notFound(`task ${id} does not exist`, 'id');
    requireAllowed(me, 'task.read', { assigneeId: task.assigneeId });
    return toTaskView(task);
  }
}
