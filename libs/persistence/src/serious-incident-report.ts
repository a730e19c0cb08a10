import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SERIOUS_INCIDENT_CATEGORY_TEXT, SeriousIncidentCategory } from '@aigov/domain/serious-incident';
import { canonicalJson } from './audit-chain';

/**
 * The report of a serious incident to the market surveillance authority (EU AI Act Art. 73),
 * drafted from what the engine holds: the system and the version it ran, the event(s), what was
 * done since (stage changes such as a rollback or suspension, deployments, incident reviews and
 * other PDCA items, tasks), and one timeline. Until the submission is recorded it is a draft
 * compiled on request; the submission freezes it (with its SHA-256) on the incident's row.
 */
export interface ReportPerson {
  id: string;
  name: string;
  email: string;
}

export interface SeriousIncidentReport {
  kind: 'serious_incident_report';
  legalBasis: 'EU AI Act (Regulation (EU) 2024/1689) Art. 73';
  draft: boolean;
  compiledAt: string;
  organisation: { name: string };
  incident: {
    id: string;
    category: SeriousIncidentCategory;
    categoryLabel: string;
    deadlineBasis: string;
    summary: string;
    awareAt: string;
    deadlineAt: string;
    declaredAt: string;
    declaredBy: ReportPerson | null;
    status: 'open' | 'submitted';
    remindersSent: number;
    escalatedAt: string | null;
    deadlineMissedAt: string | null;
  };
  submission: {
    submittedAt: string;
    recordedAt: string | null;
    submittedBy: ReportPerson | null;
    authority: string;
    reference: string;
    note: string | null;
    late: boolean;
  } | null;
  system: {
    id: string;
    name: string;
    purpose: string;
    intendedUse: string;
    businessUnit: string;
    riskTier: string | null;
    stage: string;
    accountableOwner: ReportPerson | null;
    modelType: string;
    vendor: string;
    deploymentContext: string;
    affectedStakeholders: string[];
    autonomyLevel: string;
    /** the version running when the event was recorded */
    versionInOperation: string | null;
    /** the model and data of that version, as deployed */
    model: { name: string; version: string; checksum: string } | null;
    datasets: Array<{ name: string; version: string; checksum: string }>;
    currentVersion: string | null;
  };
  events: Array<{
    id: string;
    marked: boolean;
    kind: string;
    severity: string;
    metric: string | null;
    observedValue: number | null;
    threshold: number | null;
    source: string | null;
    description: string | null;
    occurredAt: string;
    receivedAt: string;
  }>;
  actionsTaken: {
    stageChanges: Array<{ at: string; action: string; from: string | null; to: string; reason: string | null; by: string | null }>;
    deployments: Array<{ at: string; version: string; kind: string; environment: string }>;
    pdcaItems: Array<{ id: string; kind: string; title: string; phase: string; incidentReview: boolean; openedAt: string; dueAt: string | null; closedAt: string | null }>;
    tasks: Array<{ id: string; kind: string; title: string; status: string; assignee: string | null; createdAt: string; decidedAt: string | null; decision: string | null }>;
  };
  timeline: Array<{ at: string; what: string; by: string | null }>;
}

/** At most this many events, stage changes, items and tasks each: a report, not an export. */
const LIMIT = 100;

const iso = (value: Date | string | null | undefined): string | null => (value ? new Date(value).toISOString() : null);
const person = (row: { id?: string | null; name?: string | null; email?: string | null }): ReportPerson | null =>
  row.id ? { id: row.id, name: row.name ?? 'unknown person', email: row.email ?? '' } : null;

const AUDIT_TEXT: Record<string, (p: Record<string, unknown>) => string> = {
  'serious_incident.declared': (p) => `Marked a serious incident (${p.category}); report due ${p.deadlineAt}`,
  'serious_incident.reclassified': (p) => `Reclassified from ${p.from} to ${p.to} (${p.direction}): ${p.reason}; report now due ${p.deadlineAt}`,
  'serious_incident.reminded': (p) => `Owner and governance office reminded (${p.before} before the deadline)`,
  'serious_incident.escalated': () => 'Escalated: the deadline is close and the report not submitted',
  'serious_incident.deadline_missed': (p) => `Reporting deadline ${p.deadlineAt} passed without a submission`,
};

export async function compileSeriousIncidentReport(
  m: EntityManager,
  incidentId: string,
  now: Date,
  organisation: { name: string },
): Promise<SeriousIncidentReport | null> {
  const [incident] = await m.query(
    `SELECT i.*, d.name AS declared_by_name, d.email AS declared_by_email, s.name AS submitted_by_name, s.email AS submitted_by_email
       FROM serious_incidents i JOIN users d ON d.id = i.declared_by_id LEFT JOIN users s ON s.id = i.submitted_by_id
      WHERE i.id = $1`,
    [incidentId],
  );
  if (!incident) return null;
  const [system] = await m.query(
    `SELECT a.*, u.name AS owner_name, u.email AS owner_email FROM ai_systems a JOIN users u ON u.id = a.accountable_owner_id WHERE a.id = $1`,
    [incident.ai_system_id],
  );
  const [event] = await m.query('SELECT * FROM monitoring_events WHERE id = $1', [incident.monitoring_event_id]);
  // Actions taken: what the engine recorded from the event's receipt on (an automatic rollback or suspension is recorded with it).
  const from = new Date(event.received_at);
  const [running] = await m.query(
    `SELECT version, model_artifact, data_artifacts FROM deployments WHERE ai_system_id = $1 AND deployed_at < $2 ORDER BY deployed_at DESC LIMIT 1`,
    [incident.ai_system_id, event.received_at],
  );
  const [events, transitions, deployments, items, tasks, audit] = await Promise.all([
    m.query(
      `SELECT * FROM monitoring_events WHERE ai_system_id = $1 AND (id = $2 OR (received_at >= $3 AND kind = 'incident')) ORDER BY occurred_at, id LIMIT ${LIMIT}`,
      [incident.ai_system_id, incident.monitoring_event_id, event.received_at],
    ),
    m.query(
      `SELECT t.action, t.from_stage, t.to_stage, t.reason, t.occurred_at, u.email AS actor FROM stage_transitions t LEFT JOIN users u ON u.id = t.actor_id
        WHERE t.ai_system_id = $1 AND t.occurred_at >= $2 ORDER BY t.seq LIMIT ${LIMIT}`,
      [incident.ai_system_id, from],
    ),
    m.query(
      `SELECT version, kind, environment, deployed_at FROM deployments WHERE ai_system_id = $1 AND deployed_at >= $2 ORDER BY deployed_at LIMIT ${LIMIT}`,
      [incident.ai_system_id, from],
    ),
    m.query(
      `SELECT id, kind, title, phase, source_type, source_id, created_at, due_at, closed_at FROM pdca_items
        WHERE ai_system_id = $1 AND (created_at >= $2 OR (source_type = 'incident' AND source_id = $3)) ORDER BY created_at LIMIT ${LIMIT}`,
      [incident.ai_system_id, from, incident.monitoring_event_id],
    ),
    m.query(
      `SELECT t.id, t.kind, t.title, t.status, t.created_at, t.decided_at, t.decision, u.email AS assignee FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id
        WHERE t.ai_system_id = $1 AND t.created_at >= $2 ORDER BY t.created_at LIMIT ${LIMIT}`,
      [incident.ai_system_id, from],
    ),
    m.query(`SELECT event_type, payload, actor_label, occurred_at FROM audit_events WHERE stream_id = $1 ORDER BY seq`, [incident.workflow_id]),
  ]);

  const category = incident.category as SeriousIncidentCategory;
  const submitted = incident.status === 'submitted';
  const timeline: SeriousIncidentReport['timeline'] = [
    ...events.map((e: Record<string, any>) => ({ at: iso(e.occurred_at)!, what: `${e.severity} ${e.kind} event${e.metric ? ` on ${e.metric}` : ''}${e.description ? `: ${e.description}` : ''}`, by: e.source ?? null })),
    { at: iso(incident.aware_at)!, what: 'The organisation became aware of the incident', by: null },
    ...transitions.map((t: Record<string, any>) => ({ at: iso(t.occurred_at)!, what: `Stage ${t.from_stage ?? 'none'} -> ${t.to_stage} (${t.action})${t.reason ? `: ${t.reason}` : ''}`, by: t.actor ?? null })),
    ...items.flatMap((i: Record<string, any>) => [
      { at: iso(i.created_at)!, what: `${i.kind.replace('_', ' ')} opened: ${i.title}`, by: null },
      ...(i.closed_at ? [{ at: iso(i.closed_at)!, what: `${i.kind.replace('_', ' ')} closed: ${i.title}`, by: null }] : []),
    ]),
    ...tasks.filter((t: Record<string, any>) => t.decided_at).map((t: Record<string, any>) => ({ at: iso(t.decided_at)!, what: `Task decided (${t.decision ?? t.status}): ${t.title}`, by: t.assignee ?? null })),
    ...audit
      // The submission is told from the row: its audit entry is written after the report is frozen.
      .filter((a: Record<string, any>) => a.event_type !== 'serious_incident.report_submitted')
      .map((a: Record<string, any>) => ({ at: iso(a.occurred_at)!, what: (AUDIT_TEXT[a.event_type] ?? (() => a.event_type))(a.payload), by: a.actor_label === 'system' ? null : a.actor_label })),
    ...(submitted
      ? [{
          at: iso(incident.submitted_at)!,
          what: `Report submitted to ${incident.authority} (reference ${incident.authority_reference})${incident.submitted_late ? ', after the deadline' : ''}`,
          by: incident.submitted_by_email ?? null,
        }]
      : []),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return {
    kind: 'serious_incident_report',
    legalBasis: 'EU AI Act (Regulation (EU) 2024/1689) Art. 73',
    draft: !submitted,
    compiledAt: now.toISOString(),
    organisation: { name: organisation.name },
    incident: {
      id: incident.id,
      category,
      categoryLabel: SERIOUS_INCIDENT_CATEGORY_TEXT[category].label,
      deadlineBasis: SERIOUS_INCIDENT_CATEGORY_TEXT[category].basis,
      summary: incident.summary,
      awareAt: iso(incident.aware_at)!,
      deadlineAt: iso(incident.deadline_at)!,
      declaredAt: iso(incident.declared_at)!,
      declaredBy: person({ id: incident.declared_by_id, name: incident.declared_by_name, email: incident.declared_by_email }),
      status: incident.status,
      remindersSent: incident.reminders_sent,
      escalatedAt: iso(incident.escalated_at),
      deadlineMissedAt: iso(incident.overdue_at),
    },
    submission: submitted
      ? {
          submittedAt: iso(incident.submitted_at)!,
          recordedAt: iso(incident.submission_recorded_at),
          submittedBy: person({ id: incident.submitted_by_id, name: incident.submitted_by_name, email: incident.submitted_by_email }),
          authority: incident.authority,
          reference: incident.authority_reference,
          note: incident.submission_note,
          late: incident.submitted_late === true,
        }
      : null,
    system: {
      id: system.id,
      name: system.name,
      purpose: system.purpose,
      intendedUse: system.intended_use,
      businessUnit: system.business_unit,
      riskTier: system.risk_tier,
      stage: system.stage,
      accountableOwner: person({ id: system.accountable_owner_id, name: system.owner_name, email: system.owner_email }),
      modelType: system.model_type,
      vendor: system.vendor_type === 'in_house' ? 'in house' : `${system.vendor_type}${system.vendor_name ? `: ${system.vendor_name}` : ''}`,
      deploymentContext: system.deployment_context,
      affectedStakeholders: system.affected_stakeholders ?? [],
      autonomyLevel: system.autonomy_level,
      versionInOperation: incident.version_in_operation ?? running?.version ?? null,
      model: running?.model_artifact ?? null,
      datasets: running?.data_artifacts ?? [],
      currentVersion: system.current_version,
    },
    events: events.map((e: Record<string, any>) => ({
      id: e.id,
      marked: e.id === incident.monitoring_event_id,
      kind: e.kind,
      severity: e.severity,
      metric: e.metric,
      observedValue: e.observed_value,
      threshold: e.threshold,
      source: e.source,
      description: e.description,
      occurredAt: iso(e.occurred_at)!,
      receivedAt: iso(e.received_at)!,
    })),
    actionsTaken: {
      stageChanges: transitions.map((t: Record<string, any>) => ({ at: iso(t.occurred_at)!, action: t.action, from: t.from_stage, to: t.to_stage, reason: t.reason, by: t.actor ?? null })),
      deployments: deployments.map((d: Record<string, any>) => ({ at: iso(d.deployed_at)!, version: d.version, kind: d.kind, environment: d.environment })),
      pdcaItems: items.map((i: Record<string, any>) => ({
        id: i.id,
        kind: i.kind,
        title: i.title,
        phase: i.phase,
        incidentReview: i.source_type === 'incident' && i.source_id === incident.monitoring_event_id,
        openedAt: iso(i.created_at)!,
        dueAt: iso(i.due_at),
        closedAt: iso(i.closed_at),
      })),
      tasks: tasks.map((t: Record<string, any>) => ({
        id: t.id,
        kind: t.kind,
        title: t.title,
        status: t.status,
        assignee: t.assignee ?? null,
        createdAt: iso(t.created_at)!,
        decidedAt: iso(t.decided_at),
        decision: t.decision,
      })),
    },
    timeline,
  };
}

/** SHA-256 (hex) of the report's canonical JSON (sorted keys, no whitespace): recompute it to tie a file to the submission. */
export function seriousIncidentReportSha256(report: SeriousIncidentReport | Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(report)).digest('hex');
}
