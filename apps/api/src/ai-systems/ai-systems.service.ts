import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In, Not } from 'typeorm';
import { isoDate } from '../common/iso-date';
import { OPEN_MATERIAL_CHANGE_STATUSES } from '@aigov/domain/material-change';
import {
  AiSystemEntity,
  DeploymentEntity,
  ImpactAssessmentEntity,
  MaterialChangeEntity,
  MonitoringEventEntity,
  PdcaItemEntity,
  StageTransitionEntity,
  TaskEntity,
  UserEntity,
} from '@aigov/persistence/entities';
import {
  completeChecklistItemUpdate,
  recordDeploymentUpdate,
  recordMonitoringEventUpdate,
  rollbackUpdate,
  startRetirementUpdate,
  submitForAssessmentUpdate,
} from '@aigov/workflows/lifecycle.definitions';
import { actorOf, UserPrincipal } from '../auth/principal';
import { conflict, notFound } from '../common/api-error';
import { artifactDrift } from '@aigov/domain/artifact-ref';
import type { Page } from '../common/pagination';
import { idempotentId } from '../common/idempotency-key';
import { LifecycleGateway } from '../temporal/lifecycle.gateway';
import { toTaskView } from '../tasks/dto/task.view';
import { aiSystemResource, requireAllowed } from '../auth/access';
import { allows } from '@aigov/domain/access/access';
import { availableActions } from './available-actions';
import {
  AiSystemDetailView,
  AiSystemView,
  MonitoringResultView,
  toAiSystemView,
  toDeploymentView,
  toImpactAssessmentView,
  toMonitoringEventView,
  toStageTransitionView,
} from './dto/ai-system.view';
import {
  CompleteChecklistItemDto,
  RecordDeploymentDto,
  RecordMonitoringEventDto,
  RollbackDto,
  StartRetirementDto,
} from './dto/lifecycle-actions.dto';
import { ListAiSystemsQuery } from './dto/list-ai-systems.query';
import { inventoryQuery } from './inventory-query';
import { RegisterAiSystemDto } from './dto/register-ai-system.dto';
import { requireActiveUser } from '../common/request-checks';
import { scopeOf } from '../scope/dto/scope.dto';

/**
 * Reads come from the PostgreSQL read model; every change goes through the system's workflow,
 * whose Update returns once the change is persisted, so the view returned is current.
 */
@Injectable()
export class AiSystemsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: LifecycleGateway,
  ) {}

  async register(dto: RegisterAiSystemDto, me: UserPrincipal): Promise<AiSystemView> {
    const ownerId = dto.accountableOwnerId ?? me.id;
    await requireActiveUser(this.dataSource.manager, ownerId, 'accountableOwnerId');
    // With an Idempotency-Key a retried registration derives the same id, so it cannot make a twin.
    const systemId = idempotentId('register') ?? randomUUID();
    await this.lifecycle.start({
      systemId,
      registration: {
        name: dto.name.trim(),
        purpose: dto.purpose,
        intendedUse: dto.intendedUse,
        accountableOwnerId: ownerId,
        businessUnit: dto.businessUnit,
        dataSources: dto.dataSources,
        dataCategories: dto.dataCategories,
        personalData: dto.personalData,
        specialCategoryData: dto.specialCategoryData,
        modelType: dto.modelType,
        vendorType: dto.vendorType,
        vendorName: dto.vendorName ?? null,
        deploymentContext: dto.deploymentContext,
        affectedStakeholders: dto.affectedStakeholders,
        autonomyLevel: dto.autonomyLevel,
        ...(dto.scope ? { scope: scopeOf(dto.scope) } : {}),
        createdBy: actorOf(me),
      },
    });
    return toAiSystemView(await this.load(systemId));
  }

  async list(q: ListAiSystemsQuery, me: UserPrincipal): Promise<Page<AiSystemView>> {
    const qb = inventoryQuery(this.dataSource, q, me, new Date()).skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toAiSystemView), page: q.page, pageSize: q.pageSize, total };
  }

  async detail(id: string, me: UserPrincipal): Promise<AiSystemDetailView> {
    const system = await this.load(id);
    requireAllowed(me, 'ai_system.read', aiSystemResource(system));
    const m = this.dataSource.manager;
    const [history, tasks, assessment, deployments, events, items, change] = await Promise.all([
      m.find(StageTransitionEntity, { where: { aiSystemId: id }, order: { seq: 'ASC' } }),
      m.find(TaskEntity, { where: { aiSystemId: id, status: 'open' }, order: { createdAt: 'ASC' } }),
      m.findOne(ImpactAssessmentEntity, { where: { aiSystemId: id }, order: { version: 'DESC' } }),
      m.find(DeploymentEntity, { where: { aiSystemId: id }, order: { deployedAt: 'ASC' } }),
      m.find(MonitoringEventEntity, { where: { aiSystemId: id }, order: { occurredAt: 'DESC' }, take: 20 }),
      m.find(PdcaItemEntity, { where: { aiSystemId: id, phase: Not('closed') }, order: { dueAt: 'ASC' }, take: 100 }),
      m.findOne(MaterialChangeEntity, { where: { aiSystemId: id, status: In([...OPEN_MATERIAL_CHANGE_STATUSES]) }, order: { proposedAt: 'DESC' } }),
    ]);
    const assigneeIds = [...new Set(tasks.map((t) => t.assigneeId))];
    const assignees = new Map(
      (assigneeIds.length ? await m.find(UserEntity, { where: { id: In(assigneeIds) }, select: { id: true, name: true, email: true } }) : []).map((u) => [u.id, u]),
    );
    const checklist = system.retirementChecklist;
    return {
      ...toAiSystemView(system),
      stageHistory: history.map(toStageTransitionView),
      openTasks: tasks.map((t) => {
        const person = assignees.get(t.assigneeId);
        return { ...toTaskView(t), assignee: { id: t.assigneeId, name: person?.name ?? 'unknown person', email: person?.email ?? '' } };
      }),
      availableActions: allows(me, 'ai_system.manage', aiSystemResource(system))
        ? availableActions({
            stage: system.stage,
            changeStatus: change?.status ?? null,
            checklistOpen: checklist ? Object.values(checklist).filter((entry) => !entry.done).length : 0,
          })
        : [],
      latestAssessment: assessment ? toImpactAssessmentView(assessment) : null,
      deployments: deployments.map(toDeploymentView),
      recentMonitoringEvents: events.map(toMonitoringEventView),
      openPdcaItems: items.map((i) => ({ id: i.id, kind: i.kind, title: i.title, phase: i.phase, dueAt: isoDate(i.dueAt) })),
      pendingChange: change ? { id: change.id, status: change.status, version: change.proposedVersion, kinds: change.kinds } : null,
    };
  }

  async submitForAssessment(id: string, me: UserPrincipal): Promise<AiSystemView> {
    requireAllowed(me, 'ai_system.manage', aiSystemResource(await this.load(id)));
    await this.lifecycle.update(id, submitForAssessmentUpdate, [actorOf(me)]);
    return toAiSystemView(await this.load(id));
  }

  async recordDeployment(id: string, dto: RecordDeploymentDto, me: UserPrincipal): Promise<AiSystemView> {
    requireAllowed(me, 'ai_system.manage', aiSystemResource(await this.load(id)));
    // A version label names one set of artifacts: the same label with another model or data
    // would deploy something nobody approved.
    if (dto.model !== undefined || dto.datasets !== undefined) {
      const [previous] = await this.dataSource.query(
        `SELECT model_artifact, data_artifacts FROM deployments WHERE ai_system_id = $1 AND version = $2 ORDER BY deployed_at DESC LIMIT 1`,
        [id, dto.version],
      );
      if (previous) {
        const drift = artifactDrift(
          { model: previous.model_artifact, datasets: previous.data_artifacts },
          { model: dto.model ?? previous.model_artifact, datasets: dto.datasets ?? previous.data_artifacts },
        );
        if (drift) throw conflict(`version ${dto.version}: ${drift.reason}`, drift.field);
      }
    }
    await this.lifecycle.update(id, recordDeploymentUpdate, [
      {
        actor: actorOf(me),
        version: dto.version,
        environment: dto.environment,
        configuration: dto.configuration ?? {},
        ...(dto.model !== undefined ? { model: { name: dto.model.name, version: dto.model.version, checksum: dto.model.checksum } } : {}),
        ...(dto.datasets !== undefined ? { datasets: dto.datasets.map((d) => ({ name: d.name, version: d.version, checksum: d.checksum })) } : {}),
      },
    ]);
    return toAiSystemView(await this.load(id));
  }

  async recordMonitoringEvent(id: string, dto: RecordMonitoringEventDto, me: UserPrincipal | null): Promise<MonitoringResultView> {
    // null: the monitoring webhook, authenticated by its shared secret, acting for no person
    const system = await this.load(id);
    if (me) requireAllowed(me, 'ai_system.manage', aiSystemResource(system));
    const outcome = await this.lifecycle.update(id, recordMonitoringEventUpdate, [
      {
        actor: me ? actorOf(me) : null,
        kind: dto.kind,
        severity: dto.severity,
        metric: dto.metric ?? null,
        observedValue: dto.observedValue ?? null,
        threshold: dto.threshold ?? null,
        source: dto.source ?? null,
        description: dto.description ?? null,
      },
    ]);
    const after = toAiSystemView(await this.load(id));
    return {
      eventId: outcome.eventId,
      reviewStarted: outcome.reviewStarted,
      response: outcome.response ?? (outcome.reviewStarted ? 'review' : 'record'),
      incidentItemId: outcome.incidentItemId ?? null,
      stage: after.stage,
      system: after,
    };
  }

  async rollback(id: string, dto: RollbackDto, me: UserPrincipal): Promise<AiSystemView> {
    requireAllowed(me, 'ai_system.manage', aiSystemResource(await this.load(id)));
    await this.lifecycle.update(id, rollbackUpdate, [{ actor: actorOf(me), reason: dto.reason, targetVersion: dto.targetVersion ?? null }]);
    return toAiSystemView(await this.load(id));
  }

  async startRetirement(id: string, dto: StartRetirementDto, me: UserPrincipal): Promise<AiSystemView> {
    requireAllowed(me, 'ai_system.manage', aiSystemResource(await this.load(id)));
    await this.lifecycle.update(id, startRetirementUpdate, [
      { actor: actorOf(me), reason: dto.reason, completedItems: dto.completedItems ?? [] },
    ]);
    return toAiSystemView(await this.load(id));
  }

  async completeChecklistItem(id: string, item: string, dto: CompleteChecklistItemDto, me: UserPrincipal): Promise<AiSystemView> {
    requireAllowed(me, 'ai_system.manage', aiSystemResource(await this.load(id)));
    await this.lifecycle.update(id, completeChecklistItemUpdate, [
      // The workflow's validator refuses unknown items with a 400 naming `item`.
      { actor: actorOf(me), item: item as never, note: dto.note ?? null },
    ]);
    return toAiSystemView(await this.load(id));
  }

  async load(id: string): Promise<AiSystemEntity> {
    const system = await this.dataSource.getRepository(AiSystemEntity).findOne({ where: { id } });
    if (!system) throw notFound(`AI system ${id} does not exist`, 'id');
    return system;
  }
}
