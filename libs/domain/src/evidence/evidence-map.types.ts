import type { CatalogFramework, LinkBasis } from '../catalog/control-catalog.types';

/**
 * The evidence map: which kinds of engine artefact evidence which controls, and how fresh each
 * kind must be. Data (config/catalog/evidence-map.json), validated at start against the control
 * catalog. Pure types: no Node or Nest.
 */
export const EVIDENCE_MAP_FILE = 'evidence-map.json';

/**
 * The kinds of artefact the engine records, each derived from tables it already writes. The
 * list is code (each kind has its query); which controls a kind evidences is data, except for
 * `manual_evidence` (documents and links people keep), whose items name their controls.
 */
export const EVIDENCE_KINDS = [
  'impact_assessment',
  'approval_round',
  'deployment',
  'monitoring_event',
  'periodic_review',
  'rollback',
  'incident_review',
  'retirement_checklist',
  'material_change',
  'pdca_item',
  'management_review',
  'internal_audit',
  'audit_chain',
  'access_management',
  'manual_evidence',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Whether a kind's evidence belongs to one AI system or to the organisation's management system. */
export const EVIDENCE_SCOPES = ['ai_system', 'organisation'] as const;
export type EvidenceScope = (typeof EVIDENCE_SCOPES)[number];

/** The policy cadences a kind's freshness can follow. */
export const EVIDENCE_CADENCES = ['tier_review', 'management_review', 'internal_audit'] as const;
export type EvidenceCadence = (typeof EVIDENCE_CADENCES)[number];

/**
 * How fresh a kind's newest evidence must be:
 * - `cadence`: within a cadence of the policy file (the system's tier review cadence, the
 *   management review or internal audit cadence) plus `grace`; `fallback` when the policy has
 *   no such cadence (an unscheduled management review, a system without a tier);
 * - `fixed`: within `maxAge`;
 * - `standing`: valid until superseded (a deployment record stands while its version runs).
 */
export type EvidenceFreshness =
  | { basis: 'cadence'; cadence: EvidenceCadence; grace: string; fallback: string }
  | { basis: 'fixed'; maxAge: string }
  | { basis: 'standing' };
export const FRESHNESS_BASES = ['cadence', 'fixed', 'standing'] as const;

/** PDCA item origins (PDCA_SOURCE_TYPES) */
export type EvidencePdcaSource = 'ai_system' | 'review' | 'incident' | 'audit_finding' | 'management_review' | 'other';

export interface EvidenceControlRef {
  framework: CatalogFramework;
  ref: string;
  /** how well the link is supported, as in the crosswalk */
  basis: LinkBasis;
}

export interface EvidenceKindMapping {
  kind: EvidenceKind;
  title: string;
  /** what the artefact shows, in our words */
  description: string;
  scope: EvidenceScope;
  freshness: EvidenceFreshness;
  /**
   * open nonconformities and corrective actions of the system from these origins count against
   * this kind's controls (an open incident review against the incident controls)
   */
  openItemsAgainst: EvidencePdcaSource[];
  /** an overdue periodic review of the system counts against this kind's controls */
  overdueReviewCounts: boolean;
  /** a failed (or concern) item of the system's last review counts against this kind's controls */
  failedReviewItemCounts: boolean;
  /** for `manual_evidence`, empty: each item names its own controls (validated against the catalog) */
  controls: EvidenceControlRef[];
}

export interface EvidenceMap {
  title: string;
  /** our revision of the map; raise it with every change */
  revision: number;
  /** every kind at most once; a kind left out evidences nothing */
  kinds: EvidenceKindMapping[];
}
