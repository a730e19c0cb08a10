import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { compareTier, questionsToAsk, tierImpact } from '@aigov/domain/questionnaire/questionnaire-impact';
import type { QuestionnaireDefinition, QuestionnaireRules } from '@aigov/domain/questionnaire/questionnaire.types';
import { REASSESSED_STAGES } from '@aigov/domain/questionnaire/reassessment';
import type { RiskTier } from '@aigov/domain/risk-tier';
import { canonicalJson } from './audit-chain';

/** The hash a published version is frozen with: SHA-256 of its canonical JSON (sorted keys, no whitespace). */
export function questionnaireSha256(definition: QuestionnaireDefinition): string {
  return createHash('sha256').update(canonicalJson(definition), 'utf8').digest('hex');
}

/** One live system whose tier a version will or could change. */
export interface SystemTierImpact {
  systemId: string;
  name: string;
  stage: string;
  ownerId: string;
  ownerName: string;
  /** the version its latest assessment answered */
  answeredVersion: string;
  /** the tier it runs under now */
  fromTier: RiskTier | null;
  lowestTier: RiskTier;
  highestTier: RiskTier;
  certain: boolean;
  /** unanswered questions whose answer could raise the tier */
  decidingQuestions: string[];
}

export interface LiveSystemsImpact {
  /** live systems whose stored answers were re-evaluated */
  evaluated: number;
  /** the systems whose tier will or could change, by name */
  affected: SystemTierImpact[];
}

const BATCH = 1000;

interface Row {
  id: string;
  name: string;
  stage: string;
  risk_tier: RiskTier | null;
  owner_id: string;
  owner_name: string;
  answers: Record<string, unknown>;
  template_version: string;
}

/**
 * Re-evaluates every live system's latest stored answers (systems in REASSESSED_STAGES) against
 * a version: those whose tier the version will change, or could change once an unanswered
 * question is answered. Read in batches by id, so memory stays bounded however many systems
 * there are; nothing is written.
 */
export async function evaluateLiveSystems(m: EntityManager, next: QuestionnaireRules): Promise<LiveSystemsImpact> {
  // The questions each earlier version asked: an optional question it asked and the owner left empty stays empty.
  const versions: Array<{ version: string; ids: string[] | null }> = await m.query(
    `SELECT version, (SELECT jsonb_agg(q->'id') FROM jsonb_array_elements(definition->'questions') q) AS ids FROM questionnaire_versions`,
  );
  const asked = new Map(versions.filter((v) => v.ids).map((v) => [v.version, new Set(v.ids!)]));
  const affected: SystemTierImpact[] = [];
  let evaluated = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: Row[] = await m.query(
      `SELECT s.id, s.name, s.stage, s.risk_tier, s.accountable_owner_id AS owner_id, u.name AS owner_name, a.answers, a.template_version
         FROM ai_systems s
         JOIN users u ON u.id = s.accountable_owner_id
         JOIN LATERAL (SELECT answers, template_version FROM impact_assessments i WHERE i.ai_system_id = s.id ORDER BY i.version DESC LIMIT 1) a ON true
        WHERE s.stage = ANY($1) AND s.id > $2
        ORDER BY s.id LIMIT ${BATCH}`,
      [[...REASSESSED_STAGES], after],
    );
    for (const row of rows) {
      evaluated += 1;
      const impact = tierImpact(next, row.answers, questionsToAsk(next, row.answers, asked.get(row.template_version)));
      const change = compareTier(row.risk_tier, impact);
      if (!change.affected) continue;
      affected.push({
        systemId: row.id,
        name: row.name,
        stage: row.stage,
        ownerId: row.owner_id,
        ownerName: row.owner_name,
        answeredVersion: row.template_version,
        fromTier: row.risk_tier,
        lowestTier: change.lowest,
        highestTier: change.highest,
        certain: change.certain,
        decidingQuestions: impact.decidingQuestions,
      });
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1].id;
  }
  affected.sort((a, b) => a.name.localeCompare(b.name) || a.systemId.localeCompare(b.systemId));
  return { evaluated, affected };
}
