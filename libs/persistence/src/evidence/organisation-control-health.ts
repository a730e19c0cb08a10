import type { EntityManager } from 'typeorm';
import { computeControlHealth, ControlApplicability, controlEvidenceTotals, ControlHealthSummary, controlsOfMap } from '@aigov/domain/evidence/control-health';
import { emptyFold, foldSystem, summaryOfFold } from '@aigov/domain/evidence/control-health-fold';
import type { EvidenceMap } from '@aigov/domain/evidence/evidence-map.types';
import { CONTROL_HEALTH_BATCH, systemParts } from './control-health-parts';
import type { EvidenceQueries, OrganisationEvidence } from './evidence-queries.service';

/** The organisation-wide evidence alone, as control health takes it: what stands for the whole without systems. */
export function organisationControlHealth(map: EvidenceMap, applicability: ControlApplicability, organisation: OrganisationEvidence, cadences: Record<'tier_review' | 'management_review' | 'internal_audit', string | null>, now: Date) {
  const controls = controlsOfMap(map, organisation.manualControls);
  const input = { now: now.getTime(), map, applicability, evidence: organisation.evidence, cadences, manual: { controls: organisation.manualControls, evidence: organisation.manual } };
  return { controls, health: computeControlHealth(input, controls), totals: controlEvidenceTotals(controls, organisation.evidence, organisation.manual) };
}

/**
 * Control health folded per control, computed afresh for every system (or one), in keyset
 * batches so memory stays bounded however many systems there are. The organisation-wide report
 * reads the summary the store keeps current (control-health-store.ts), which equals this; this
 * answers one system, and a moment the store has passed already.
 */
export async function summariseOrganisationControlHealth(
  queries: EvidenceQueries,
  map: EvidenceMap,
  applicability: ControlApplicability,
  now: Date,
  aiSystemId?: string,
  m: Pick<EntityManager, 'query'> = queries.manager,
): Promise<{ systems: number; summary: ControlHealthSummary[] }> {
  const organisation = await queries.organisationEvidence();
  const { controls, health, totals } = organisationControlHealth(map, applicability, organisation, queries.cadencesOf(null), now);
  const fold = emptyFold(controls.length);
  const fill = async (ids: string[]) => {
    const facts = await queries.healthFacts(now, ids, organisation);
    for (const { part } of systemParts(facts.systems, { now, map, applicability, controls })) foldSystem(fold, part, 1);
  };
  if (aiSystemId) await fill([aiSystemId]);
  else {
    for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
      const ids: string[] = (await m.query(`SELECT id FROM ai_systems WHERE id > $1 ORDER BY id LIMIT $2`, [after, CONTROL_HEALTH_BATCH])).map((r: { id: string }) => r.id);
      if (ids.length) await fill(ids);
      if (ids.length < CONTROL_HEALTH_BATCH) break;
      after = ids[ids.length - 1];
    }
  }
  return { systems: fold.systems, summary: summaryOfFold(fold, health, totals) };
}
