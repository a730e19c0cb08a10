import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@aigov/config/clock';
import { allows } from '@aigov/domain/access/access';
import { OPEN_MATERIAL_CHANGE_STATUSES } from '@aigov/domain/material-change';
import { MonitoringPlanContent, monitoringPlanProblem, normaliseMonitoringPlan } from '@aigov/domain/monitoring-plan';
import {
  MetricFollowUp,
  monitoringChecksProblem,
  recordMonitoringChecks,
  RecordedMonitoringChecks,
  SubmittedMonitoringChecks,
} from '@aigov/domain/monitoring-plan-checks';
import { appendNextAuditEvent, canonicalJson } from '@aigov/persistence/audit-chain';
import { MonitoringEventEntity, MonitoringPlanEntity } from '@aigov/persistence/entities';
import { AiSystemsService } from '../ai-systems/ai-systems.service';
import { aiSystemResource, requireAllowed } from '../auth/access';
import type { UserPrincipal } from '../auth/principal';
import { badRequest, conflict } from '../common/api-error';
import { isoDate } from '../common/iso-date';
import { peopleById } from '../common/people-by-id';
import { requireActiveUser } from '../common/request-checks';
import type { SaveMonitoringPlanDto } from './monitoring-plan.dto';
import {
  FollowUpOptionView,
  MonitoringGapView,
  MonitoringPlanStatusView,
  MonitoringPlanVersionsView,
  MonitoringPlanView,
  ReviewSheetView,
  SheetEventView,
  toMetricView,
  toMonitoringPlanView,
} from './monitoring-plan.view';

/** The audit stream of a system's monitoring plan. */
export const monitoringPlanAuditStream = (systemId: string) => `monitoring-plan:${systemId}`;

/** Stages in which a system is no longer monitored: its plan is kept as a record, not edited. */
const CLOSED_STAGES = ['retired', 'rejected'];
const SHEET_EVENTS = 500;
const EVENTS_PER_METRIC = 20;

/**
 * Post-market monitoring plans (EU AI Act Art. 72): one per AI system, versioned (an edit is a
 * new version, never an update), written with its audit event in one transaction by the
 * accountable owner or the governance office. A high-risk system without a plan is a gap that
 * is shown (system page, documents, GET /monitoring-plans/gaps); it does not stop a deployment
 * being recorded: the engine records deployments that happened, and refusing one would make the
 * inventory say a model is not running when it is.
 */
@Injectable()
export class MonitoringPlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly systems: AiSystemsService,
    private readonly clock: Clock,
  ) {}

  async status(systemId: string, me: UserPrincipal): Promise<MonitoringPlanStatusView> {
    const system = await this.systems.load(systemId);
    requireAllowed(me, 'ai_system.read', aiSystemResource(system));
    const plan = await this.current(this.dataSource.manager, systemId);
    const required = system.riskTier === 'high';
    return {
      aiSystemId: systemId,
      riskTier: system.riskTier,
      required,
      status: plan ? 'present' : required ? 'missing' : 'not_required',
      plan: plan ? await this.view(this.dataSource.manager, plan) : null,
      canEdit: allows(me, 'ai_system.manage', aiSystemResource(system)) && !CLOSED_STAGES.includes(system.stage),
    };
  }

  async versions(systemId: string, me: UserPrincipal): Promise<MonitoringPlanVersionsView> {
    const system = await this.systems.load(systemId);
    requireAllowed(me, 'ai_system.read', aiSystemResource(system));
    const m = this.dataSource.manager;
    const rows = await m.find(MonitoringPlanEntity, { where: { aiSystemId: systemId }, order: { version: 'DESC' } });
    const people = await peopleById(m, rows.flatMap((r) => [r.responsibleId, r.createdById]));
    return { aiSystemId: systemId, versions: rows.map((r) => toMonitoringPlanView(r, people)) };
  }

  /**
   * Saves the plan as its next version. Every check runs before the first write, so a refused
   * plan writes nothing; `expectedVersion` turns a concurrent edit into a 409 instead of a lost one.
   */
  async save(systemId: string, dto: SaveMonitoringPlanDto, me: UserPrincipal): Promise<MonitoringPlanView> {
    const system = await this.systems.load(systemId);
    requireAllowed(me, 'ai_system.manage', aiSystemResource(system));
    if (CLOSED_STAGES.includes(system.stage)) throw conflict(`the system is ${system.stage}: it is no longer monitored, and its plan is kept as it was`, 'stage');
    const content: MonitoringPlanContent = { responsibleId: dto.responsibleId, metrics: dto.metrics, feedback: dto.feedback };
    const problem = monitoringPlanProblem(content);
    if (problem) throw badRequest(problem.reason, problem.field);
    const plan = normaliseMonitoringPlan(content);
    return this.dataSource.transaction(async (tx) => {
      await requireActiveUser(tx, plan.responsibleId, 'responsibleId');
      // One writer per system at a time, so two edits cannot both become the same version.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [monitoringPlanAuditStream(systemId)]);
      const latest = await this.current(tx, systemId);
      const version = (latest?.version ?? 0) + 1;
      if (dto.expectedVersion !== undefined && dto.expectedVersion !== (latest?.version ?? 0)) {
        throw conflict(
          latest
            ? `the plan is at version ${latest.version} (changed by someone else since version ${dto.expectedVersion}); reload it and apply your change again`
            : `there is no plan yet, not version ${dto.expectedVersion}`,
          'expectedVersion',
        );
      }
      const row: MonitoringPlanEntity = {
        id: randomUUID(),
        aiSystemId: systemId,
        version,
        responsibleId: plan.responsibleId,
        metrics: plan.metrics,
        feedback: plan.feedback,
        changeNote: dto.changeNote?.trim() || null,
        createdById: me.id,
        createdAt: this.clock.now(),
      };
      await tx.insert(MonitoringPlanEntity, row);
      await appendNextAuditEvent(tx, {
        streamId: monitoringPlanAuditStream(systemId),
        eventType: version === 1 ? 'monitoring_plan.adopted' : 'monitoring_plan.revised',
        actorId: me.id,
        actorLabel: me.email,
        aiSystemId: systemId,
        payload: {
          version,
          responsibleId: plan.responsibleId,
          metrics: plan.metrics.map((m) => m.key),
          changeNote: row.changeNote,
          // the whole content is hashed, so the trail pins exactly what this version said
          sha256: createHash('sha256').update(canonicalJson(plan)).digest('hex'),
        },
        occurredAt: row.createdAt,
      });
      return this.view(tx, row);
    });
  }

  /** High-risk systems still monitored that have no plan: the gap list for the governance office. */
  async gaps(me: UserPrincipal): Promise<MonitoringGapView[]> {
    requireAllowed(me, 'ai_system.list_all');
    const rows: Array<{ id: string; name: string; stage: string; owner_id: string; owner_name: string; owner_email: string }> = await this.dataSource.query(
      `SELECT s.id, s.name, s.stage, u.id AS owner_id, u.name AS owner_name, u.email AS owner_email
         FROM ai_systems s JOIN users u ON u.id = s.accountable_owner_id
        WHERE s.risk_tier = 'high' AND s.stage <> ALL($1::text[])
          AND NOT EXISTS (SELECT 1 FROM monitoring_plans p WHERE p.ai_system_id = s.id)
        ORDER BY s.name, s.id LIMIT 1000`,
      [CLOSED_STAGES],
    );
    return rows.map((r) => ({ aiSystemId: r.id, name: r.name, stage: r.stage, owner: { id: r.owner_id, name: r.owner_name, email: r.owner_email } }));
  }

  /** The plan's current version beside what monitoring reported since the last review, for the review form. */
  async reviewSheet(systemId: string, me: UserPrincipal): Promise<ReviewSheetView> {
    const system = await this.systems.load(systemId);
    requireAllowed(me, 'ai_system.read', aiSystemResource(system));
    const m = this.dataSource.manager;
    const [plan, [last]] = await Promise.all([
      this.current(m, systemId),
      m.query(`SELECT max(decided_at) AS at FROM tasks WHERE ai_system_id = $1 AND kind = 'review' AND status = 'decided'`, [systemId]),
    ]);
    const since: Date | null = last?.at ? new Date(last.at) : null;
    const query = m.createQueryBuilder(MonitoringEventEntity, 'e').where('e.aiSystemId = :systemId', { systemId });
    if (since) query.andWhere('e.occurredAt > :since', { since });
    const events = await query.orderBy('e.occurredAt', 'DESC').take(SHEET_EVENTS).getMany();
    const keys = new Set(plan?.metrics.map((x) => x.key) ?? []);
    return {
      aiSystemId: systemId,
      riskTier: system.riskTier,
      checksRequired: !!plan,
      planMissing: !plan && system.riskTier === 'high',
      planVersion: plan?.version ?? null,
      since: isoDate(since),
      metrics: (plan?.metrics ?? []).map((metric) => {
        const own = events.filter((e) => e.metric === metric.key);
        return { ...toMetricView(metric), events: own.slice(0, EVENTS_PER_METRIC).map(eventView), latestObservedValue: own.find((e) => e.observedValue !== null)?.observedValue ?? null };
      }),
      otherEvents: events.filter((e) => !e.metric || !keys.has(e.metric)).slice(0, EVENTS_PER_METRIC).map(eventView),
      followUpOptions: await this.followUpOptions(m, systemId),
    };
  }

  /**
   * A review decision's checks against the plan, checked and in the form the review keeps, or
   * null when the system has no plan (nothing to check against; a high-risk system's missing
   * plan is a gap shown elsewhere, not a reason to stop its review). 400 with the field, or 409
   * when the review was filled in against an older version of the plan.
   */
  async checksForReview(m: EntityManager, systemId: string, decision: string, submitted: unknown): Promise<RecordedMonitoringChecks | null> {
    const plan = await this.current(m, systemId);
    if (!plan) {
      if (submitted !== undefined && submitted !== null) throw badRequest('this system has no post-market monitoring plan to check against', 'monitoringChecks');
      return null;
    }
    const problem = monitoringChecksProblem(decision, plan, submitted);
    if (problem?.stale) throw conflict(`${problem.reason}: the plan changed while the review was open; record its current metrics`, problem.field);
    if (problem && problem.field === 'monitoringChecks' && (submitted === undefined || submitted === null)) {
      // the emailed review page has no plan fields: say where the metrics can be recorded
      throw badRequest(`${problem.reason}; the review form in the web app lists them`, problem.field);
    }
    if (problem) throw badRequest(problem.reason, problem.field);
    const recorded = recordMonitoringChecks(plan, submitted as SubmittedMonitoringChecks);
    for (const check of recorded.results) {
      if (check.followUp) await this.requireFollowUp(m, systemId, check.followUp, `monitoringChecks.metrics.${check.key}.followUp.id`);
    }
    return recorded;
  }

  private async requireFollowUp(m: EntityManager, systemId: string, followUp: MetricFollowUp, field: string): Promise<void> {
    const open: Record<MetricFollowUp['kind'], { sql: string; what: string }> = {
      incident: { sql: `SELECT 1 FROM monitoring_events WHERE id = $1 AND ai_system_id = $2 AND kind = 'incident'`, what: 'incident reported for this system' },
      material_change: {
        sql: `SELECT 1 FROM material_changes WHERE id = $1 AND ai_system_id = $2 AND status = ANY($3::text[])`,
        what: 'open material change of this system',
      },
      pdca_item: { sql: `SELECT 1 FROM pdca_items WHERE id = $1 AND ai_system_id = $2 AND phase <> 'closed'`, what: 'open PDCA item of this system' },
    };
    const { sql, what } = open[followUp.kind];
    const params = followUp.kind === 'material_change' ? [followUp.id, systemId, [...OPEN_MATERIAL_CHANGE_STATUSES]] : [followUp.id, systemId];
    if (!(await m.query(sql, params)).length) throw badRequest(`${followUp.id} is not an ${what}`, field);
  }


  private async followUpOptions(m: EntityManager, systemId: string): Promise<FollowUpOptionView[]> {
    const [incidents, changes, items] = await Promise.all([
      m.query(
        `SELECT id, severity, metric, occurred_at FROM monitoring_events WHERE ai_system_id = $1 AND kind = 'incident' ORDER BY occurred_at DESC LIMIT 20`,
        [systemId],
      ),
      m.query(`SELECT id, proposed_version, status FROM material_changes WHERE ai_system_id = $1 AND status = ANY($2::text[]) ORDER BY proposed_at DESC`, [
        systemId,
        [...OPEN_MATERIAL_CHANGE_STATUSES],
      ]),
      m.query(`SELECT id, kind, title FROM pdca_items WHERE ai_system_id = $1 AND phase <> 'closed' ORDER BY created_at DESC LIMIT 50`, [systemId]),
    ]);
    return [
      ...incidents.map((e: { id: string; severity: string; metric: string | null; occurred_at: Date }) => ({
        kind: 'incident',
        id: e.id,
        label: `Incident (${e.severity}${e.metric ? `, ${e.metric}` : ''}) reported ${isoDate(e.occurred_at)!.slice(0, 16).replace('T', ' ')}`,
      })),
      ...changes.map((c: { id: string; proposed_version: string; status: string }) => ({ kind: 'material_change', id: c.id, label: `Material change to ${c.proposed_version} (${c.status})` })),
      ...items.map((i: { id: string; kind: string; title: string }) => ({ kind: 'pdca_item', id: i.id, label: `${i.kind.replace(/_/g, ' ')}: ${i.title}` })),
    ];
  }

  /** The newest version of a system's plan, or null. */
  async current(m: EntityManager, systemId: string): Promise<MonitoringPlanEntity | null> {
    return m.findOne(MonitoringPlanEntity, { where: { aiSystemId: systemId }, order: { version: 'DESC' } });
  }

  private async view(m: EntityManager, plan: MonitoringPlanEntity): Promise<MonitoringPlanView> {
    return toMonitoringPlanView(plan, await peopleById(m, [plan.responsibleId, plan.createdById]));
  }

}

function eventView(e: MonitoringEventEntity): SheetEventView {
  return {
    id: e.id,
    kind: e.kind,
    severity: e.severity,
    metric: e.metric,
    observedValue: e.observedValue,
    threshold: e.threshold,
    occurredAt: e.occurredAt.toISOString(),
    source: e.source,
    description: e.description,
  };
}
