import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AiSystemEntity, PdcaItemEntity } from '@aigov/persistence/entities';
import { pdcaItemWorkflowId } from '@aigov/temporal/workflow-ids';
import {
  completePdcaItemUpdate,
  planPdcaItemUpdate,
  syncPdcaItemUpdate,
  verifyPdcaItemUpdate,
} from '@aigov/workflows/pdca.definitions';
import type { PdcaItemInput } from '@aigov/workflows/pdca.types';
import { allows } from '@aigov/domain/access/access';
import { requireAllowed } from '../auth/access';
import { actorOf, UserPrincipal } from '../auth/principal';
import { badRequest, notFound } from '../common/api-error';
import { idempotentId } from '../common/idempotency-key';
import type { Page } from '../common/pagination';
import { LifecycleGateway } from '../temporal/lifecycle.gateway';
import { PdcaItemView, toPdcaItemView } from './pdca-item.view';
import { CompletePdcaItemDto, CreatePdcaItemDto, ListPdcaItemsQuery, PlanPdcaItemDto, VerifyPdcaItemDto } from './pdca-item.dto';
import { requireActiveUser, requireFutureDate } from '../common/request-checks';

/**
 * PDCA items: created by starting their workflow, changed only through its Updates (the
 * validators refuse out-of-phase steps and self-verification), read from the read model.
 */
@Injectable()
export class PdcaItemsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: LifecycleGateway,
  ) {}

  async create(dto: CreatePdcaItemDto, me: UserPrincipal): Promise<PdcaItemView> {
    await requireActiveUser(this.dataSource.manager, dto.ownerId, 'ownerId');
    const system = dto.aiSystemId ? await this.dataSource.manager.findOneBy(AiSystemEntity, { id: dto.aiSystemId }) : null;
    if (dto.aiSystemId && !system) throw badRequest(`no AI system ${dto.aiSystemId}`, 'aiSystemId');
    requireAllowed(me, 'pdca.open', { systemOwnerId: system?.accountableOwnerId });
    requireFutureDate(dto.dueAt, 'dueAt');
    const itemId = idempotentId('pdca-item') ?? randomUUID();
    const input: PdcaItemInput = {
      itemId,
      kind: dto.kind,
      title: dto.title.trim(),
      description: dto.description,
      aiSystemId: dto.aiSystemId ?? null,
      source: { type: dto.sourceType ?? (dto.aiSystemId ? 'ai_system' : 'other'), id: dto.sourceId ?? dto.aiSystemId ?? null },
      ownerId: dto.ownerId,
      due: { at: new Date(dto.dueAt).toISOString() },
      createdBy: actorOf(me),
    };
    await this.temporal.startWorkflow('pdcaItem', pdcaItemWorkflowId(itemId), [input]);
    await this.temporal.updateWorkflow(pdcaItemWorkflowId(itemId), syncPdcaItemUpdate, []);
    return this.get(itemId);
  }

  async list(q: ListPdcaItemsQuery, me: UserPrincipal): Promise<Page<PdcaItemView>> {
    const qb = this.dataSource.getRepository(PdcaItemEntity).createQueryBuilder('i');
    // Like the inventory: people without an oversight role see items they own or of their systems.
    if (!allows(me, 'pdca.list_all')) {
      qb.andWhere(`(i.ownerId = :me OR i.aiSystemId IN (SELECT s.id FROM ai_systems s WHERE s.accountable_owner_id = :me))`, { me: me.id });
    }
    if (q.phase) qb.andWhere('i.phase = :phase', { phase: q.phase });
    if (q.kind) qb.andWhere('i.kind = :kind', { kind: q.kind });
    if (q.aiSystemId) qb.andWhere('i.aiSystemId = :sid', { sid: q.aiSystemId });
    if (q.ownerId) qb.andWhere('i.ownerId = :oid', { oid: q.ownerId });
    if (q.sourceType) qb.andWhere('i.sourceType = :st', { st: q.sourceType });
    if (q.overdue === 'true') qb.andWhere(`i.phase <> 'closed' AND i.dueAt < now()`);
    const [rows, total] = await qb
      .orderBy('i.dueAt', 'ASC', 'NULLS LAST')
      .addOrderBy('i.id')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items: rows.map((r) => toPdcaItemView(r)), page: q.page, pageSize: q.pageSize, total };
  }

  async get(id: string, me?: UserPrincipal): Promise<PdcaItemView> {
    const item = await this.dataSource.manager.findOneBy(PdcaItemEntity, { id });
    if (!item) throw notFound(`PDCA item ${id} does not exist`, 'id');
    if (me && !allows(me, 'pdca.read', { ownerId: item.ownerId })) {
      const system = item.aiSystemId ? await this.dataSource.manager.findOneBy(AiSystemEntity, { id: item.aiSystemId }) : null;
      requireAllowed(me, 'pdca.read', { ownerId: item.ownerId, systemOwnerId: system?.accountableOwnerId });
    }
    return toPdcaItemView(item);
  }

  async plan(id: string, dto: PlanPdcaItemDto, me: UserPrincipal): Promise<PdcaItemView> {
    const item = await this.get(id, me);
    const ownerId = dto.ownerId ?? item.ownerId ?? me.id;
    await requireActiveUser(this.dataSource.manager, ownerId, 'ownerId');
    if (dto.dueAt) requireFutureDate(dto.dueAt, 'dueAt');
    await this.temporal.updateWorkflow(pdcaItemWorkflowId(id), planPdcaItemUpdate, [
      { actor: actorOf(me), actorRoles: [...me.roles], rootCause: dto.rootCause, action: dto.action, ownerId, dueAt: dto.dueAt ? new Date(dto.dueAt).toISOString() : null },
    ]);
    return this.get(id);
  }

  async complete(id: string, dto: CompletePdcaItemDto, me: UserPrincipal): Promise<PdcaItemView> {
    await this.get(id, me);
    await this.temporal.updateWorkflow(pdcaItemWorkflowId(id), completePdcaItemUpdate, [{ actor: actorOf(me), note: dto.note, evidence: dto.evidence ?? [] }]);
    return this.get(id);
  }

  async verify(id: string, dto: VerifyPdcaItemDto, me: UserPrincipal): Promise<PdcaItemView> {
    await this.get(id);
    requireAllowed(me, 'pdca.verify');
    await this.temporal.updateWorkflow(pdcaItemWorkflowId(id), verifyPdcaItemUpdate, [{ actor: actorOf(me), effective: dto.effective, note: dto.note }]);
    return this.get(id);
  }
}
