import {
  computeControlHealth,
  ControlApplicability,
  controlEvidenceTotals,
  ControlHealthInput,
  controlHealthValidUntil,
  MappedControls,
} from '@aigov/domain/evidence/control-health';
import { SystemHealthPart, systemHealthPart } from '@aigov/domain/evidence/control-health-fold';
import type { EvidenceMap } from '@aigov/domain/evidence/evidence-map.types';
import type { SystemHealthFacts } from './evidence-queries.service';

/** How many systems are read and computed at once: bounds memory whatever the inventory. */
export const CONTROL_HEALTH_BATCH = 500;

/** What one system adds to the organisation-wide fold, and until when time leaves it so. */
export interface ComputedPart {
  id: string;
  part: SystemHealthPart;
  /** epoch ms; null when only new evidence changes it */
  validUntil: number | null;
}

/**
 * Each system's part: its statuses from all its evidence (its own and the organisation-wide),
 * its counts from its own, as the organisation-wide evidence is added once for all at the end;
 * and the moment its own evidence could turn it by time alone.
 * `controls` is controlsOfMap(map, the controls manual evidence names), as in the facts.
 */
export function systemParts(
  systems: readonly SystemHealthFacts[],
  context: { now: Date; map: EvidenceMap; applicability: ControlApplicability; controls: MappedControls },
): ComputedPart[] {
  const now = context.now.getTime();
  return systems.map((s) => {
    const input: ControlHealthInput = {
      now,
      map: context.map,
      applicability: context.applicability,
      evidence: s.evidence,
      cadences: s.cadences,
      openItems: s.openItems,
      overdueReview: s.overdueReview,
      upcomingReviewAt: s.upcomingReviewAt,
      lastReviewFailedItems: s.lastReviewFailedItems,
      manual: s.manual,
    };
    const own = controlEvidenceTotals(context.controls, s.own.evidence, s.own.manual);
    // Moments of the system's own evidence only: when organisation-wide evidence goes stale or
    // lapses, the store's basis changes and every part is recomputed anyway. Counting them here
    // would expire every system at once each time it merely could have.
    const validUntil = controlHealthValidUntil({ ...input, evidence: s.own.evidence, manual: s.manual && { controls: s.manual.controls, evidence: s.own.manual } }, context.controls);
    return { id: s.id, part: systemHealthPart(computeControlHealth(input, context.controls, { freshReasons: false }), own), validUntil };
  });
}
