import type { EntityManager } from 'typeorm';
import type { ApprovalSubjectKind } from '@aigov/domain/approval-subject';

/** What a task's emails and decision pages say about the subject being approved. */
export interface ApprovalSubjectDescription {
  kind: ApprovalSubjectKind;
  /** e.g. `the AI system "Hiring ranker"`, `Statement of Applicability version 3` */
  label: string;
  /** the subject's name alone, for subjects and headings */
  name: string;
  /** short facts shown under the request (label, value, optional list) */
  facts: Array<{ label: string; value: string; list?: string[] }>;
}

type Describer = (m: EntityManager, id: string) => Promise<ApprovalSubjectDescription | null>;

const aiSystem: Describer = async (m, id) => {
  const [s] = await m.query('SELECT name, purpose, stage, risk_tier, risk_reasons FROM ai_systems WHERE id = $1', [id]);
  if (!s) return null;
  const reasons = ((s.risk_reasons ?? []) as Array<{ text: string }>).map((r) => r.text);
  return {
    kind: 'ai_system',
    label: `the AI system "${s.name}"`,
    name: s.name,
    facts: [
      { label: 'Purpose', value: s.purpose },
      { label: 'Stage', value: s.stage },
      { label: 'Risk tier', value: s.risk_tier ?? 'not assessed', list: reasons.length ? reasons : ['no reasons recorded'] },
    ],
  };
};

const soa: Describer = async (m, id) => {
  const [v] = await m.query(
    `SELECT v.version, v.status,
            (SELECT count(*)::int FROM soa_entries e WHERE e.version_id = v.id AND e.applicable) AS applicable,
            (SELECT count(*)::int FROM soa_entries e WHERE e.version_id = v.id AND NOT e.applicable) AS excluded
       FROM soa_versions v WHERE v.id = $1`,
    [id],
  );
  if (!v) return null;
  const name = `Statement of Applicability version ${v.version}`;
  return {
    kind: 'soa',
    label: name,
    name,
    facts: [
      { label: 'Document', value: 'Statement of Applicability (ISO/IEC 42001 and ISO/IEC 27001 Annex A)' },
      { label: 'Controls', value: `${v.applicable} applicable, ${v.excluded} excluded` },
    ],
  };
};

const riskAcceptance: Describer = async (m, id) => {
  const [r] = await m.query(
    `SELECT r.title, r.threat, r.residual_rating, r.residual_likelihood, r.residual_impact, a.justification
       FROM risks r LEFT JOIN LATERAL (SELECT justification FROM risk_acceptance_rounds WHERE risk_id = r.id ORDER BY round DESC LIMIT 1) a ON true
      WHERE r.id = $1`,
    [id],
  );
  if (!r) return null;
  return {
    kind: 'risk_acceptance',
    label: `accepting the risk "${r.title}"`,
    name: r.title,
    facts: [
      { label: 'Threat or harm', value: r.threat },
      { label: 'Residual rating', value: r.residual_rating ? `${r.residual_rating} (${r.residual_likelihood} x ${r.residual_impact}), above the risk appetite` : 'not rated' },
      { label: 'Justification', value: r.justification ?? 'none given' },
    ],
  };
};

const questionnaire: Describer = async (m, id) => {
  const [v] = await m.query(
    `SELECT v.version, v.note, jsonb_array_length(v.definition->'questions') AS questions,
            (SELECT p.version FROM questionnaire_versions p WHERE p.status = 'published') AS current
       FROM questionnaire_versions v WHERE v.id = $1`,
    [id],
  );
  if (!v) return null;
  const name = `Impact assessment questionnaire version ${v.version}`;
  return {
    kind: 'questionnaire',
    label: name,
    name,
    facts: [
      { label: 'Replaces', value: v.current ? `version ${v.current}` : 'no published version' },
      { label: 'Questions', value: String(v.questions ?? 0) },
      { label: 'Why', value: v.note ?? 'no note given' },
    ],
  };
};

const DESCRIBERS: Partial<Record<ApprovalSubjectKind, Describer>> = { ai_system: aiSystem, soa, risk_acceptance: riskAcceptance, questionnaire };

const KIND_NAMES: Record<ApprovalSubjectKind, string> = {
  ai_system: 'AI system',
  soa: 'Statement of Applicability',
  risk_acceptance: 'Risk acceptance',
  questionnaire: 'Questionnaire version',
};

/** Describes a task's subject for people; an unknown record is named by kind and id. */
export async function describeApprovalSubject(m: EntityManager, kind: ApprovalSubjectKind, id: string): Promise<ApprovalSubjectDescription> {
  const found = await DESCRIBERS[kind]?.(m, id);
  if (found) return found;
  const name = `${KIND_NAMES[kind]} ${id}`;
  return { kind, label: name, name, facts: [] };
}
