import { computeControlHealth, ControlApplicability, ControlHealth, ControlHealthSummary } from '@aigov/domain/evidence/control-health';
import { summariseControlHealth } from '@aigov/domain/evidence/control-health-fold';
import type { EvidenceMap } from '@aigov/domain/evidence/evidence-map.types';
import type { EvidenceQueries } from './evidence-queries.service';

/**
 * Control health folded per control, organisation-wide (every system, each computed with the
 * organisation-wide evidence too) or for one system: what the control-health report shows and
 * the daily snapshot keeps.
 */
export async function summariseOrganisationControlHealth(
  queries: EvidenceQueries,
  map: EvidenceMap,
  applicability: ControlApplicability,
  now: Date,
  aiSystemId?: string,
): Promise<{ systems: number; summary: ControlHealthSummary[] }> {
  const facts = await queries.healthFacts(now, aiSystemId);
  const base = { now: now.getTime(), map, applicability };
  const perSystem: ControlHealth[][] = facts.systems.map((s) => computeControlHealth({ ...base, ...s }));
  const organisation = computeControlHealth({ ...base, evidence: facts.organisation, cadences: facts.cadences, manual: facts.organisationManual });
  return { systems: facts.systems.length, summary: summariseControlHealth(perSystem, organisation) };
}
