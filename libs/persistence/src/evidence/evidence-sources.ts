import type { EvidenceKind } from '@aigov/domain/evidence/evidence-map.types';

/**
 * Where each kind of evidence comes from: one SELECT over the tables the engine already
 * writes, giving `id`, `ai_system_id` (null for organisation-wide records), `title` and
 * `occurred_at`. Summaries and pages of evidence are both read through these.
 */
export const EVIDENCE_SOURCES: Readonly<Record<EvidenceKind, string>> = {
  impact_assessment: `SELECT ia.id::text AS id, ia.ai_system_id, 'Impact assessment v' || ia.version || ': ' || ia.risk_tier || ' risk' AS title, ia.submitted_at AS occurred_at
      FROM impact_assessments ia`,
  approval_round: `SELECT t.ai_system_id::text || ':' || t.round AS id, t.ai_system_id,
           'Approval round ' || t.round || ': ' || string_agg(DISTINCT t.decision, ', ') || ' by ' || count(DISTINCT t.decided_by_id) || ' approver(s)' AS title,
           max(t.decided_at) AS occurred_at
      FROM tasks t WHERE t.kind = 'approval' AND t.status = 'decided' AND t.ai_system_id IS NOT NULL
     GROUP BY t.ai_system_id, t.round`,
  deployment: `SELECT d.id::text AS id, d.ai_system_id,
           'Deployed ' || d.version || ' (' || d.kind || ') to ' || d.environment
             || coalesce(', model ' || (d.model_artifact->>'checksum'), '') || ', ' || jsonb_array_length(d.data_artifacts) || ' dataset checksum(s)' AS title,
           d.deployed_at AS occurred_at
      FROM deployments d WHERE d.kind IN ('deploy', 'redeploy')`,
  monitoring_event: `SELECT m.id::text AS id, m.ai_system_id, initcap(m.kind) || ' event, ' || m.severity || coalesce(': ' || m.metric, '') AS title, m.occurred_at
      FROM monitoring_events m`,
  periodic_review: `SELECT t.id::text AS id, t.ai_system_id, 'Periodic review decided: ' || t.decision AS title, t.decided_at AS occurred_at
      FROM tasks t WHERE t.kind = 'review' AND t.status = 'decided' AND t.ai_system_id IS NOT NULL`,
  rollback: `SELECT s.id::text AS id, s.ai_system_id, 'Rolled back or suspended' || coalesce(': ' || s.reason, '') AS title, s.occurred_at
      FROM stage_transitions s WHERE s.to_stage = 'rollback'`,
  incident_review: `SELECT p.id::text AS id, p.ai_system_id, 'Incident review (' || p.phase || '): ' || p.title AS title, p.updated_at AS occurred_at
      FROM pdca_items p WHERE p.source_type = 'incident' AND p.ai_system_id IS NOT NULL`,
  retirement_checklist: `SELECT a.id::text AS id, a.id AS ai_system_id,
           'Retirement checklist: ' || (SELECT count(*) FROM jsonb_each(a.retirement_checklist) e WHERE (e.value->>'done')::boolean)
             || ' of ' || (SELECT count(*) FROM jsonb_each(a.retirement_checklist)) || ' items done' AS title,
           a.updated_at AS occurred_at
      FROM ai_systems a WHERE a.retirement_checklist IS NOT NULL`,
  material_change: `SELECT c.id::text AS id, c.ai_system_id, 'Material change to ' || c.proposed_version || ' (' || c.status || ')' AS title, c.proposed_at AS occurred_at
      FROM material_changes c`,
  pdca_item: `SELECT p.id::text AS id, p.ai_system_id, initcap(replace(p.kind, '_', ' ')) || ' (' || p.phase || '): ' || p.title AS title, p.updated_at AS occurred_at
      FROM pdca_items p WHERE p.ai_system_id IS NOT NULL`,
  management_review: `SELECT r.id::text AS id, NULL::uuid AS ai_system_id, 'Management review held, ' || jsonb_array_length(r.decisions) || ' decision(s)' AS title, r.recorded_at AS occurred_at
      FROM management_reviews r WHERE r.status = 'held'`,
  internal_audit: `SELECT a.id::text AS id, NULL::uuid AS ai_system_id, 'Internal audit reported, ' || jsonb_array_length(a.findings) || ' finding(s)' AS title, a.completed_at AS occurred_at
      FROM internal_audits a WHERE a.status = 'completed'`,
  // one item per system: its trail, counted by the heads the appending statement advances (not by reading the trail)
  audit_chain: `SELECT h.ai_system_id::text AS id, h.ai_system_id, h.events || ' hash-chained audit events' AS title, h.latest_at AS occurred_at
      FROM audit_system_heads h`,
  access_management: `SELECT u.id::text AS id, NULL::uuid AS ai_system_id, 'User ' || u.email || ' (' || array_to_string(u.roles, ', ') || ')' || CASE WHEN u.active THEN '' ELSE ', deactivated' END AS title, u.created_at AS occurred_at
      FROM users u
    UNION ALL
    SELECT 'delegation:' || t.id::text, NULL::uuid, 'Approval task delegated: ' || coalesce(t.delegation_reason, 'no reason given'), t.created_at
      FROM tasks t WHERE t.delegated_from_id IS NOT NULL`,
  // one row per item and AI system it names; an organisation-wide item (no systems) has a null system
  manual_evidence: `SELECT e.id::text AS id, s.sid AS ai_system_id,
           'Manual evidence v' || e.version || ': ' || e.title
             || CASE WHEN e.form = 'link' THEN ' (link)' ELSE ' (' || e.media_type || ', ' || e.size_bytes || ' bytes, SHA-256 ' || e.sha256 || ')' END
             || ', expires ' || to_char(e.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS title,
           e.updated_at AS occurred_at
      FROM manual_evidence e LEFT JOIN LATERAL unnest(e.ai_system_ids) AS s(sid) ON true WHERE e.status = 'current'`,
};

/** The API path of the artefact an evidence item points at. */
export function evidenceLink(kind: EvidenceKind, id: string, aiSystemId: string | null): string {
  const system = `/api/v1/ai-systems/${aiSystemId}`;
  switch (kind) {
    case 'impact_assessment':
      return `${system}/impact-assessments`;
    case 'approval_round':
      return `${system}/approvals`;
    case 'deployment':
      return `${system}/versions`;
    case 'monitoring_event':
    case 'rollback':
    case 'audit_chain':
      return `${system}/audit-trail`;
    case 'periodic_review':
      return `/api/v1/tasks/${id}`;
    case 'incident_review':
    case 'pdca_item':
      return `/api/v1/pdca-items/${id}`;
    case 'retirement_checklist':
      return system;
    case 'material_change':
      return `${system}/changes`;
    case 'management_review':
      return `/api/v1/management-reviews/${id}`;
    case 'internal_audit':
      return `/api/v1/internal-audits/${id}`;
    case 'manual_evidence':
      return `/api/v1/manual-evidence/${id}`;
    case 'access_management':
      return id.startsWith('delegation:') ? `/api/v1/tasks/${id.slice('delegation:'.length)}` : `/api/v1/users/${id}`;
  }
}
