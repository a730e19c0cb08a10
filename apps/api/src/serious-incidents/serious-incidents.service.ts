import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, GOVERNANCE_POLICY } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { Clock } from '@aigov/config/clock';
import { allows } from '@aigov/domain/access/access';
import { DEFAULT_ORGANISATION, GovernancePolicy } from '@aigov/domain/governance-policy.types';
import {
  awarenessRefusal,
  DEFAULT_SERIOUS_INCIDENT_POLICY,
  reclassificationRefusal,
  SeriousIncidentRefusal,
  submissionRefusal,
} from '@aigov/domain/serious-incident';
import { AiSystemEntity, AuditEventEntity, MonitoringEventEntity, SeriousIncidentEntity } from '@aigov/persistence/entities';
import { compileSeriousIncidentReport, SeriousIncidentReport } from '@aigov/persistence/serious-incident-report';
import {
  reclassifySeriousIncidentUpdate,
  SERIOUS_INCIDENT_WORKFLOW_TYPE,
  seriousIncidentWorkflowId,
  submitSeriousIncidentReportUpdate,
  syncSeriousIncidentUpdate,
  type SeriousIncidentInput,
} from '@aigov/workflows/serious-incident.contracts';
import { aiSystemResource, requireAllowed } from '../auth/access';
import { actorOf, UserPrincipal } from '../auth/principal';
import { ApiError, conflict, notFound } from '../common/api-error';
import { idempotentId } from '../common/idempotency-key';
import type { Page } from '../common/pagination';
import { LifecycleGateway } from '../temporal/lifecycle.gateway';
import type { DeclareSeriousIncidentDto, ListSeriousIncidentsQuery, ReclassifySeriousIncidentDto, SubmitSeriousIncidentReportDto } from './serious-incident.dto';
import { SeriousIncidentDetailView, SeriousIncidentView, toSeriousIncidentView } from './serious-incident.view';

const STATUS: Record<SeriousIncidentRefusal['kind'], number> = { bad_request: 400, forbidden: 403, conflict: 409 };
const refused = (r: SeriousIncidentRefusal) => new ApiError(STATUS[r.kind], r.message, r.field);

/**
 * Serious incidents (EU AI Act Art. 73): marking an incident serious starts its clock workflow;
 * reclassification and the submission are that workflow's Updates. Every check that can be made
 * here is made before anything is sent, so a refusal writes nothing; the workflow's validators
 * check again against its own state. Reads come from the read model.
 */
@Injectable()
export class SeriousIncidentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly client: Client,
    private readonly temporal: LifecycleGateway,
    private readonly clock: Clock,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async declare(dto: DeclareSeriousIncidentDto, me: UserPrincipal): Promise<SeriousIncidentDetailView> {
    const m = this.dataSource.manager;
    const eventId = dto.monitoringEventId.toLowerCase();
    const event = await m.findOneBy(MonitoringEventEntity, { id: eventId });
    if (!event) throw notFound(`monitoring event ${eventId} does not exist`, 'monitoringEventId');
    const system = await this.system(event.aiSystemId);
    requireAllowed(me, 'ai_system.read', aiSystemResource(system));
    requireAllowed(me, 'serious_incident.declare', { ownerId: system.accountableOwnerId });
    const [review] = await m.query(`SELECT id FROM pdca_items WHERE source_type = 'incident' AND source_id = $1 LIMIT 1`, [eventId]);
    if (event.kind !== 'incident' && !review) {
      throw new ApiError(
        422,
        `a ${event.severity} ${event.kind} event is not an incident: only an event of kind 'incident', or one that rolled back or suspended the system (opening an incident review), can be marked serious`,
        'monitoringEventId',
      );
    }
    const existing = await m.findOneBy(SeriousIncidentEntity, { monitoringEventId: eventId });
    if (existing) throw conflict(`this incident is already marked serious (serious incident ${existing.id})`, 'monitoringEventId');
    const now = this.clock.now();
    const awareAt = dto.awareAt ? new Date(dto.awareAt) : now;
    const awareness = awarenessRefusal(awareAt.getTime(), now.getTime());
    if (awareness) throw refused(awareness);

    const incidentId = idempotentId('serious-incident') ?? randomUUID();
    const workflowId = seriousIncidentWorkflowId(eventId);
    const input: SeriousIncidentInput = {
      incidentId,
      monitoringEventId: eventId,
      aiSystemId: system.id,
      ownerId: system.accountableOwnerId,
      category: dto.category,
      awareAt: awareAt.toISOString(),
      summary: dto.summary.trim(),
      declaredBy: actorOf(me),
      policy: this.policy.seriousIncidents ?? DEFAULT_SERIOUS_INCIDENT_POLICY,
    };
    try {
      // One clock per event, ever: the id is refused even after the clock has ended.
      await this.client.workflow.start(SERIOUS_INCIDENT_WORKFLOW_TYPE, { workflowId, taskQueue: this.config.temporal.taskQueue, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE' });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      // A resend with the same Idempotency-Key finds its own clock; anyone else was second.
      const mine = await this.temporal.updateWorkflow(workflowId, syncSeriousIncidentUpdate, []).catch(() => null);
      if (mine?.incidentId !== incidentId) throw conflict('this incident is already marked serious', 'monitoringEventId');
    }
    await this.temporal.updateWorkflow(workflowId, syncSeriousIncidentUpdate, []);
    return this.detail(incidentId, me);
  }

  async reclassify(id: string, dto: ReclassifySeriousIncidentDto, me: UserPrincipal): Promise<SeriousIncidentDetailView> {
    const { incident, system } = await this.readable(id, me);
    requireAllowed(me, 'serious_incident.declare', { ownerId: system.accountableOwnerId });
    const refusal = reclassificationRefusal({
      from: incident.category,
      to: dto.category,
      reason: dto.reason,
      submitted: incident.status === 'submitted',
      deadlineMissed: this.deadlineMissed(incident),
      mayRelax: allows(me, 'serious_incident.relax'),
    });
    if (refusal) throw refused(refusal);
    await this.temporal.updateWorkflow(incident.workflowId, reclassifySeriousIncidentUpdate, [
      { actor: actorOf(me), actorRoles: [...me.roles], category: dto.category, reason: dto.reason.trim() },
    ]);
    return this.detail(id, me);
  }

  async submit(id: string, dto: SubmitSeriousIncidentReportDto, me: UserPrincipal): Promise<SeriousIncidentDetailView> {
    const { incident, system } = await this.readable(id, me);
    requireAllowed(me, 'serious_incident.submit', { ownerId: system.accountableOwnerId });
    const now = this.clock.now();
    const submittedAt = dto.submittedAt ? new Date(dto.submittedAt) : now;
    const refusal = submissionRefusal({
      submitted: incident.status === 'submitted',
      submittedAtMs: submittedAt.getTime(),
      awareAtMs: new Date(incident.awareAt).getTime(),
      nowMs: now.getTime(),
    });
    if (refusal) throw refused(refusal);
    try {
      await this.temporal.updateWorkflow(incident.workflowId, submitSeriousIncidentReportUpdate, [
        {
          actor: actorOf(me),
          actorRoles: [...me.roles],
          submittedAt: submittedAt.toISOString(),
          authority: dto.authority.trim(),
          reference: dto.reference.trim(),
          note: dto.note?.trim() || null,
        },
      ]);
    } catch (error) {
      // The clock ends with the first submission: a second one racing it finds it ended.
      if (error instanceof ApiError && error.getStatus() === 409) throw conflict('the report of this serious incident was already submitted', 'submittedAt');
      throw error;
    }
    return this.detail(id, me);
  }

  async list(q: ListSeriousIncidentsQuery, me: UserPrincipal): Promise<Page<SeriousIncidentView>> {
    const now = this.clock.now();
    const qb = this.dataSource
      .getRepository(SeriousIncidentEntity)
      .createQueryBuilder('i')
      .innerJoinAndSelect('i.aiSystem', 's')
      .leftJoinAndSelect('i.declaredBy', 'd')
      .leftJoinAndSelect('i.submittedBy', 'u');
    // Like the inventory: without an oversight or approving role, the incidents of the systems one owns or registered.
    if (!allows(me, 'ai_system.list_all')) qb.andWhere('(s.accountableOwnerId = :me OR s.createdById = :me)', { me: me.id });
    if (q.aiSystemId) qb.andWhere('i.aiSystemId = :sid', { sid: q.aiSystemId });
    if (q.status === 'open') qb.andWhere(`i.status = 'open'`);
    if (q.status === 'submitted') qb.andWhere(`i.status = 'submitted'`);
    if (q.status === 'missed') qb.andWhere(`((i.status = 'open' AND i.deadlineAt < :now) OR i.submittedLate = true)`, { now });
    const [rows, total] = await qb
      .orderBy(`CASE WHEN i.status = 'open' THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('i.deadlineAt', 'ASC')
      .addOrderBy('i.id')
      // Every join is many-to-one (one row per incident), so plain LIMIT/OFFSET pages correctly.
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .getManyAndCount();
    return { items: rows.map((r) => toSeriousIncidentView(r, now)), page: q.page, pageSize: q.pageSize, total };
  }

  async detail(id: string, me: UserPrincipal): Promise<SeriousIncidentDetailView> {
    const { incident, system } = await this.readable(id, me);
    const m = this.dataSource.manager;
    const [event, audit] = await Promise.all([
      m.findOneByOrFail(MonitoringEventEntity, { id: incident.monitoringEventId }),
      m.find(AuditEventEntity, { where: { streamId: incident.workflowId }, order: { seq: 'ASC' } }),
    ]);
    const open = incident.status === 'open';
    const owner = { ownerId: system.accountableOwnerId };
    const actions: SeriousIncidentDetailView['allowedActions'] = [];
    if (open && allows(me, 'serious_incident.declare', owner) && incident.category !== 'widespread_or_critical_infrastructure') actions.push('reclassify');
    if (open && allows(me, 'serious_incident.relax') && incident.category !== 'general' && !this.deadlineMissed(incident)) actions.push('relax');
    if (open && allows(me, 'serious_incident.submit', owner)) actions.push('submit');
    return {
      ...toSeriousIncidentView(incident, this.clock.now()),
      event: {
        kind: event.kind,
        severity: event.severity,
        metric: event.metric,
        source: event.source,
        description: event.description,
        occurredAt: new Date(event.occurredAt).toISOString(),
      },
      history: audit.map((a) => ({ at: new Date(a.occurredAt).toISOString(), eventType: a.eventType, by: a.actorLabel === 'system' ? null : a.actorLabel, payload: a.payload as Record<string, unknown> })),
      allowedActions: actions,
    };
  }

  /** The report as submitted (frozen), or a draft compiled now. */
  async report(id: string, me: UserPrincipal): Promise<{ report: SeriousIncidentReport; sha256: string | null }> {
    const { incident } = await this.readable(id, me);
    if (incident.status === 'submitted' && incident.report) return { report: incident.report as unknown as SeriousIncidentReport, sha256: incident.reportSha256 };
    const report = await this.dataSource.transaction('REPEATABLE READ', (m) =>
      compileSeriousIncidentReport(m, id, this.clock.now(), this.policy.organisation ?? DEFAULT_ORGANISATION),
    );
    return { report: report!, sha256: null };
  }

  /** The deadline counts as missed from the moment it passes, even before the clock's timer has marked it. */
  private deadlineMissed(incident: SeriousIncidentEntity): boolean {
    return incident.overdueAt !== null || new Date(incident.deadlineAt).getTime() <= this.clock.now().getTime();
  }

  private async readable(id: string, me: UserPrincipal): Promise<{ incident: SeriousIncidentEntity; system: AiSystemEntity }> {
    const incident = await this.dataSource.getRepository(SeriousIncidentEntity).findOne({ where: { id }, relations: { aiSystem: true, declaredBy: true, submittedBy: true } });
    if (!incident) throw notFound(`serious incident ${id} does not exist`, 'id');
    const system = incident.aiSystem!;
    requireAllowed(me, 'ai_system.read', aiSystemResource(system));
    return { incident, system };
  }

  private async system(id: string): Promise<AiSystemEntity> {
    const system = await this.dataSource.manager.findOneBy(AiSystemEntity, { id });
    if (!system) throw notFound(`AI system ${id} does not exist`, 'aiSystemId');
    return system;
  }
}
