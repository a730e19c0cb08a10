import { EntityManager } from 'typeorm';
import { OPEN_MATERIAL_CHANGE_STATUSES } from '@aigov/domain/material-change';
import { compileControlHealthAgenda, ControlHealthAgenda, controlHealthAgendaText } from './evidence/control-health-agenda';
import { compileSeriousIncidentsAgenda, SeriousIncidentsAgenda, seriousIncidentsAgendaText } from './serious-incidents-agenda';

/**
 * The state of the AI management system as a management review needs it (ISO/IEC 42001 9.3.2
 * inputs), compiled from the data at one moment: the agenda a review is convened with, and the
 * governance office's live report. `since` is when the previous review was convened, so
 * "changes" means changes since the organisation last looked.
 */
export interface ManagementReviewAgenda {
  compiledAt: string;
  since: string | null;
  previousActions: { total: number; open: number; byPhase: Record<string, number>; items: AgendaItem[] };
  inventory: { total: number; byStage: Record<string, number>; byTier: Record<string, number>; registeredSince: number; retiredSince: number };
  riskProfile: { assessmentsSince: number; assessedTiersSince: Record<string, number> };
  openPdcaItems: { total: number; byKind: Record<string, number>; items: AgendaItem[] };
  reviewsAndMonitoring: { reviewsDecidedSince: Record<string, number>; monitoringEventsSince: Record<string, number>; rollbacksSince: number };
  audits: { completedSince: number; findingsSince: number };
  materialChanges: { proposedSince: number; open: number };
  overdue: { pdcaItems: number; reviewTasks: number; approvalTasks: number };
  /** the newest daily control-health snapshot and its change since the previous review's (agendas compiled before this have none) */
  controlHealth?: ControlHealthAgenda;
  /** EU AI Act Art. 73 serious incidents and missed reporting deadlines (agendas compiled before this have none) */
  seriousIncidents?: SeriousIncidentsAgenda;
}

export interface AgendaItem {
  id: string;
  kind: string;
  title: string;
  phase: string;
  dueAt: string | null;
  overdue: boolean;
}

const counts = (rows: Array<{ k: string | null; n: number }>): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [r.k ?? 'none', Number(r.n)]));

/** When the last management review was convened, or null before the first. */
export async function lastManagementReviewAt(m: EntityManager): Promise<Date | null> {
  const [previous] = await m.query('SELECT max(convened_at) AS at FROM management_reviews');
  return previous?.at ? new Date(previous.at) : null;
}

export async function compileManagementReviewAgenda(m: EntityManager, now: Date, since: Date | null): Promise<ManagementReviewAgenda> {
  const from = since ?? new Date(0);
  const q = (sql: string, params: unknown[] = []) => m.query(sql, params);
  const items = (rows: Array<Record<string, unknown>>): AgendaItem[] =>
    rows.map((r) => ({
      id: r.id as string,
      kind: r.kind as string,
      title: r.title as string,
      phase: r.phase as string,
      dueAt: r.due_at ? new Date(r.due_at as string).toISOString() : null,
      overdue: r.due_at !== null && r.phase !== 'closed' && new Date(r.due_at as string) < now,
    }));

  const previous = await q(
    `SELECT id, kind, title, phase, due_at FROM pdca_items WHERE source_type = 'management_review' ORDER BY created_at LIMIT 200`,
  );
  const open = await q(`SELECT id, kind, title, phase, due_at FROM pdca_items WHERE phase <> 'closed' ORDER BY due_at NULLS LAST LIMIT 200`);
  const [inv] = await q(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE created_at >= $1)::int AS registered,
            count(*) FILTER (WHERE stage = 'retired' AND stage_entered_at >= $1)::int AS retired FROM ai_systems`,
    [from],
  );
  const [overdue] = await q(
    `SELECT (SELECT count(*) FROM pdca_items WHERE phase <> 'closed' AND due_at < $1)::int AS pdca,
            (SELECT count(*) FROM tasks WHERE status = 'open' AND kind = 'review' AND due_at < $1)::int AS reviews,
            (SELECT count(*) FROM tasks WHERE status = 'open' AND kind = 'approval' AND due_at < $1)::int AS approvals`,
    [now],
  );
  const [audits] = await q(
    `SELECT count(*)::int AS completed, coalesce(sum(jsonb_array_length(findings)), 0)::int AS findings
       FROM internal_audits WHERE status = 'completed' AND completed_at >= $1`,
    [from],
  );
  const [changes] = await q(
    `SELECT count(*) FILTER (WHERE proposed_at >= $1)::int AS proposed,
            count(*) FILTER (WHERE status = ANY($2::text[]))::int AS open FROM material_changes`,
    [from, [...OPEN_MATERIAL_CHANGE_STATUSES]],
  );
  const [rollbacks] = await q(`SELECT count(*)::int AS n FROM stage_transitions WHERE to_stage = 'rollback' AND occurred_at >= $1`, [from]);
  const [assessments] = await q(`SELECT count(*)::int AS n FROM impact_assessments WHERE submitted_at >= $1`, [from]);
  const prevItems = items(previous);
  return {
    compiledAt: now.toISOString(),
    since: since ? since.toISOString() : null,
    previousActions: {
      total: prevItems.length,
      open: prevItems.filter((i) => i.phase !== 'closed').length,
      byPhase: counts(await q(`SELECT phase AS k, count(*)::int AS n FROM pdca_items WHERE source_type = 'management_review' GROUP BY 1`)),
      items: prevItems,
    },
    inventory: {
      total: inv.total,
      byStage: counts(await q(`SELECT stage AS k, count(*)::int AS n FROM ai_systems GROUP BY 1`)),
      byTier: counts(await q(`SELECT risk_tier AS k, count(*)::int AS n FROM ai_systems GROUP BY 1`)),
      registeredSince: inv.registered,
      retiredSince: inv.retired,
    },
    riskProfile: {
      assessmentsSince: assessments.n,
      assessedTiersSince: counts(await q(`SELECT risk_tier AS k, count(*)::int AS n FROM impact_assessments WHERE submitted_at >= $1 GROUP BY 1`, [from])),
    },
    openPdcaItems: {
      total: open.length,
      byKind: counts(await q(`SELECT kind AS k, count(*)::int AS n FROM pdca_items WHERE phase <> 'closed' GROUP BY 1`)),
      items: items(open),
    },
    reviewsAndMonitoring: {
      reviewsDecidedSince: counts(
        await q(`SELECT decision AS k, count(*)::int AS n FROM tasks WHERE kind = 'review' AND status = 'decided' AND decided_at >= $1 GROUP BY 1`, [from]),
      ),
      monitoringEventsSince: counts(await q(`SELECT severity AS k, count(*)::int AS n FROM monitoring_events WHERE received_at >= $1 GROUP BY 1`, [from])),
      rollbacksSince: rollbacks.n,
    },
    audits: { completedSince: audits.completed, findingsSince: audits.findings },
    materialChanges: { proposedSince: changes.proposed, open: changes.open },
    overdue: { pdcaItems: overdue.pdca, reviewTasks: overdue.reviews, approvalTasks: overdue.approvals },
    controlHealth: await compileControlHealthAgenda(m, now, since),
    seriousIncidents: await compileSeriousIncidentsAgenda(m, now, since),
  };
}

const list = (r: Record<string, number>) => Object.entries(r).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';

/** The agenda as the text of the invitation mail. */
export function agendaText(a: ManagementReviewAgenda): string {
  const since = a.since ? `since the last review (${a.since.slice(0, 10)})` : 'to date';
  const itemLines = (xs: AgendaItem[]) => xs.slice(0, 20).map((i) => `   - [${i.kind}, ${i.phase}${i.overdue ? ', OVERDUE' : ''}] ${i.title}`).join('\n');
  return [
    `1. Actions from previous reviews: ${a.previousActions.total} (${a.previousActions.open} open; ${list(a.previousActions.byPhase)})`,
    itemLines(a.previousActions.items),
    `2. AI inventory: ${a.inventory.total} systems; by stage ${list(a.inventory.byStage)}; ${a.inventory.registeredSince} registered and ${a.inventory.retiredSince} retired ${since}`,
    `3. Risk profile: by tier ${list(a.inventory.byTier)}; ${a.riskProfile.assessmentsSince} impact assessments ${since} (${list(a.riskProfile.assessedTiersSince)})`,
    `4. Open nonconformities, corrective actions and improvements: ${a.openPdcaItems.total} (${list(a.openPdcaItems.byKind)})`,
    itemLines(a.openPdcaItems.items),
    `5. Reviews and monitoring ${since}: review decisions ${list(a.reviewsAndMonitoring.reviewsDecidedSince)}; monitoring events ${list(a.reviewsAndMonitoring.monitoringEventsSince)}; ${a.reviewsAndMonitoring.rollbacksSince} rollbacks`,
    `6. Audit results ${since}: ${a.audits.completedSince} internal audits completed, ${a.audits.findingsSince} findings`,
    `7. Material changes: ${a.materialChanges.proposedSince} proposed ${since}, ${a.materialChanges.open} open`,
    `8. Overdue: ${a.overdue.pdcaItems} PDCA items, ${a.overdue.reviewTasks} periodic reviews, ${a.overdue.approvalTasks} approval tasks`,
    `9. Control health: ${controlHealthAgendaText(a.controlHealth)}`,
    `10. Serious incidents (EU AI Act Art. 73): ${seriousIncidentsAgendaText(a.seriousIncidents, since)}`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}
