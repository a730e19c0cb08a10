import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { AiSystemEntity, InternalAuditEntity, ManagementReviewEntity } from '@aigov/persistence/entities';
import { internalAuditScheduleId, managementReviewScheduleId } from '@aigov/temporal/workflow-ids';
import { completeInternalAuditUpdate, recordManagementMinutesUpdate } from '@aigov/workflows/governance-cycle.definitions';
import { requireAllowed } from '../auth/access';
import { actorOf, UserPrincipal } from '../auth/principal';
import { ApiError, badRequest, conflict, notFound } from '../common/api-error';
import { isoDate } from '../common/iso-date';
import type { ManagementReviewAgendaView } from '../reports/management-review-agenda.view';
import { LifecycleGateway } from '../temporal/lifecycle.gateway';
import { FollowUpItemDto, InternalAuditReportDto, ManagementReviewMinutesDto } from './governance-cycle.dto';
import { requireActiveUser, requireFutureDate } from '../common/request-checks';

const reviewView = (r: ManagementReviewEntity) => ({
  id: r.id,
  status: r.status,
  convenedAt: isoDate(r.convenedAt),
  meetingAt: isoDate(r.meetingAt),
  // stored as compiled (ManagementReviewAgenda), the shape the view describes
  agenda: r.agenda as unknown as ManagementReviewAgendaView,
  participants: r.participants,
  minutes: r.minutes,
  attendeeIds: r.attendeeIds,
  decisions: r.decisions,
  recordedById: r.recordedById,
  recordedAt: isoDate(r.recordedAt),
  remindedAt: isoDate(r.remindedAt),
});

const auditView = (a: InternalAuditEntity) => ({
  id: a.id,
  status: a.status,
  openedAt: isoDate(a.openedAt),
  dueAt: isoDate(a.dueAt),
  scope: a.scope,
  auditors: a.auditors,
  summary: a.summary,
  findings: a.findings,
  completedById: a.completedById,
  completedAt: isoDate(a.completedAt),
  remindedAt: isoDate(a.remindedAt),
});

/**
 * Management reviews and internal audits are convened by their schedules (or on demand);
 * minutes and audit reports go to the record's workflow, which turns each decision or
 * finding into a PDCA item.
 */
@Injectable()
export class GovernanceCyclesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: LifecycleGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Readers are checked by the route (`management_review.read`: the management-system report's rule). */
  async listReviews() {
    const rows = await this.dataSource.getRepository(ManagementReviewEntity).createQueryBuilder('r').orderBy('r.convenedAt', 'DESC').take(200).getMany();
    return rows.map(reviewView);
  }

  async review(id: string) {
    return reviewView(await this.reviewRow(id));
  }

  async recordMinutes(id: string, dto: ManagementReviewMinutesDto, me: UserPrincipal) {
    requireAllowed(me, 'management_review.minutes');
    const row = await this.reviewRow(id);
    if (row.status === 'held') throw conflict('the minutes of this management review are already recorded', 'minutes');
    for (const [i, attendee] of dto.attendeeIds.entries()) await requireActiveUser(this.dataSource.manager, attendee, `attendeeIds.${i}`);
    await this.checkFollowUps(dto.decisions, 'decisions');
    await this.temporal.updateWorkflow(row.workflowId, recordManagementMinutesUpdate, [
      { actor: actorOf(me), minutes: dto.minutes, attendeeIds: dto.attendeeIds, decisions: dto.decisions.map(followUp) },
    ]);
    return this.review(id);
  }

  /** Readers are checked by the route (`internal_audit.read`: the management-system report's rule). */
  async listAudits() {
    const rows = await this.dataSource.getRepository(InternalAuditEntity).createQueryBuilder('a').orderBy('a.openedAt', 'DESC').take(200).getMany();
    return rows.map(auditView);
  }

  async audit(id: string) {
    return auditView(await this.auditRow(id));
  }

  async completeAudit(id: string, dto: InternalAuditReportDto, me: UserPrincipal) {
    requireAllowed(me, 'internal_audit.report');
    const row = await this.auditRow(id);
    if (row.status === 'completed') throw conflict('this internal audit is already completed', 'summary');
    await this.checkFollowUps(dto.findings, 'findings');
    await this.temporal.updateWorkflow(row.workflowId, completeInternalAuditUpdate, [
      { actor: actorOf(me), summary: dto.summary, findings: dto.findings.map((f) => ({ ...followUp(f), kind: f.kind as 'nonconformity' | 'improvement' })) },
    ]);
    return this.audit(id);
  }

  /** Convenes a management review or opens an internal audit now, through its schedule. */
  async convene(kind: 'management_review' | 'internal_audit', me: UserPrincipal): Promise<{ triggered: string }> {
    requireAllowed(me, kind === 'management_review' ? 'management_review.convene' : 'internal_audit.open');
    const id = kind === 'management_review' ? managementReviewScheduleId(this.config.temporal.taskQueue) : internalAuditScheduleId(this.config.temporal.taskQueue);
    try {
      await this.temporal.triggerSchedule(id);
    } catch (error) {
      if ((error as Error).name === 'ScheduleNotFoundError') throw new ApiError(409, `the policy sets no ${kind.replace('_', ' ')} cadence, so there is no schedule to trigger`, 'kind');
      throw error;
    }
    return { triggered: id };
  }

  private async reviewRow(id: string): Promise<ManagementReviewEntity> {
    const row = await this.dataSource.manager.findOneBy(ManagementReviewEntity, { id });
    if (!row) throw notFound(`management review ${id} does not exist`, 'id');
    return row;
  }

  private async auditRow(id: string): Promise<InternalAuditEntity> {
    const row = await this.dataSource.manager.findOneBy(InternalAuditEntity, { id });
    if (!row) throw notFound(`internal audit ${id} does not exist`, 'id');
    return row;
  }

  private async checkFollowUps(items: FollowUpItemDto[], field: string): Promise<void> {
    for (const [i, item] of items.entries()) {
      await requireActiveUser(this.dataSource.manager, item.ownerId, `${field}.${i}.ownerId`);
      requireFutureDate(item.dueAt, `${field}.${i}.dueAt`);
      if (item.aiSystemId && !(await this.dataSource.manager.exists(AiSystemEntity, { where: { id: item.aiSystemId } }))) {
        throw badRequest(`no AI system ${item.aiSystemId}`, `${field}.${i}.aiSystemId`);
      }
    }
  }
}

function followUp(d: FollowUpItemDto) {
  return { title: d.title.trim(), description: d.description, kind: d.kind, ownerId: d.ownerId, dueAt: new Date(d.dueAt).toISOString(), aiSystemId: d.aiSystemId ?? null };
}
