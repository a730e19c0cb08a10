import type { CatalogFramework } from '../catalog/control-catalog.types';
import { addIsoDuration } from '../iso-duration';
import type { EvidenceCadence, EvidenceFreshness, EvidenceKind, EvidenceKindMapping, EvidenceMap, EvidencePdcaSource } from './evidence-map.types';

/**
 * Control health (ISO/IEC 42001 and 27001 clause 9.1, continuous assurance): for each control
 * the evidence map touches, whether the evidence the engine recorded shows it working. Pure:
 * everything it needs is an input, the time included, so it is tested without servers.
 */
export const CONTROL_HEALTH_STATUSES = ['effective', 'attention', 'no_evidence', 'not_applicable'] as const;
export type ControlHealthStatus = (typeof CONTROL_HEALTH_STATUSES)[number];

export const CONTROL_HEALTH_REASON_CODES = [
  'fresh_evidence',
  'stale_evidence',
  'evidence_expired',
  'review_overdue',
  'open_pdca_item',
  'failed_review_item',
  'no_evidence',
  'excluded',
] as const;
export type ControlHealthReasonCode = (typeof CONTROL_HEALTH_REASON_CODES)[number];

export interface ControlHealthReason {
  code: ControlHealthReasonCode;
  message: string;
  /** the evidence kind the reason is about, where there is one */
  kind?: EvidenceKind;
  /** the record the reason is about (a PDCA item, a review task), where there is one */
  recordId?: string;
}

/**
 * Which controls apply. While no Statement of Applicability is published every control is
 * applicable (`default_all_applicable`); a published SoA lists its exclusions.
 */
export type ControlApplicability =
  | { source: 'default_all_applicable' }
  | { source: 'soa'; version: number; excluded: ReadonlyArray<{ framework: CatalogFramework; ref: string; justification: string }> };

export const ALL_CONTROLS_APPLICABLE: ControlApplicability = { source: 'default_all_applicable' };

/** The newest evidence of one kind (for one system, or the organisation's). */
export interface KindEvidence {
  count: number;
  /** epoch ms of the newest item; null when there is none */
  latestAt: number | null;
}

/**
 * Manual evidence of one control (documents and links people keep): its items name their
 * controls, so it is counted per control, not per kind. Fresh while any item is unexpired.
 */
export interface ManualControlEvidence {
  framework: CatalogFramework;
  ref: string;
  count: number;
  /** epoch ms of the newest item */
  latestAt: number | null;
  /** epoch ms of the latest expiry among the items */
  expiresAt: number;
}

/** The evidence kind whose items name their own controls. */
export const MANUAL_EVIDENCE_KIND: EvidenceKind = 'manual_evidence';

export interface OpenPdcaItem {
  id: string;
  kind: 'nonconformity' | 'corrective_action' | 'improvement';
  sourceType: EvidencePdcaSource;
  title: string;
}

export interface ControlHealthInput {
  /** epoch ms */
  now: number;
  map: EvidenceMap;
  applicability: ControlApplicability;
  /** evidence per kind: the system's own kinds and the organisation-wide ones */
  evidence: Partial<Record<EvidenceKind, KindEvidence>>;
  /** the policy cadences that size freshness (the system's tier review cadence; null when there is none) */
  cadences: Record<EvidenceCadence, string | null>;
  /** open PDCA items of the system */
  openItems?: readonly OpenPdcaItem[];
  /** the system's periodic review is past due: since when (epoch ms), and the task if one is open */
  overdueReview?: { dueAt: number; taskId: string | null } | null;
  /**
   * when the system is not overdue yet: the earliest moment a review of it falls due (epoch ms;
   * the next review date while in operation, or an open review task's due date). Status does not
   * read it; controlHealthValidUntil does, since the review turns overdue just after it.
   */
  upcomingReviewAt?: number | null;
  /** items answered `fail` in the system's last decided review */
  lastReviewFailedItems?: { taskId: string; items: readonly string[] } | null;
  /**
   * Manual evidence: `controls`, every control any current item names (the same for every
   * system, so folded reports line up); `evidence`, this system's (its own and organisation-wide
   * items) keyed 'framework ref'.
   */
  manual?: { controls: ReadonlyArray<{ framework: CatalogFramework; ref: string }>; evidence: Readonly<Record<string, ManualControlEvidence>> };
}

export interface ControlHealth {
  framework: CatalogFramework;
  ref: string;
  status: ControlHealthStatus;
  reasons: ControlHealthReason[];
  /** the kinds of evidence the map says evidence this control */
  kinds: EvidenceKind[];
  evidenceCount: number;
  /** epoch ms of the newest evidence; null when there is none */
  latestEvidenceAt: number | null;
}

/**
 * The controls the map touches, in map order, each with the kinds that evidence it; then the
 * controls manual evidence names (`manualControls`), when the map lists the manual kind.
 */
export function controlsOfMap(
  map: EvidenceMap,
  manualControls: ReadonlyArray<{ framework: CatalogFramework; ref: string }> = [],
): Array<{ framework: CatalogFramework; ref: string; kinds: EvidenceKindMapping[] }> {
  const controls = new Map<string, { framework: CatalogFramework; ref: string; kinds: EvidenceKindMapping[] }>();
  for (const kind of map.kinds) {
    const named = kind.kind === MANUAL_EVIDENCE_KIND ? [...kind.controls, ...manualControls] : kind.controls;
    for (const c of named) {
      const key = `${c.framework} ${c.ref}`;
      const entry = controls.get(key) ?? { framework: c.framework, ref: c.ref, kinds: [] };
      if (entry.kinds.includes(kind)) continue;
      entry.kinds.push(kind);
      controls.set(key, entry);
    }
  }
  return [...controls.values()];
}

/** The moment evidence of a kind dated `at` stops being fresh; null for standing evidence. */
export function freshUntil(at: number, freshness: EvidenceFreshness, cadences: ControlHealthInput['cadences']): number | null {
  if (freshness.basis === 'standing') return null;
  if (freshness.basis === 'fixed') return addIsoDuration(at, freshness.maxAge);
  return addIsoDuration(addIsoDuration(at, cadences[freshness.cadence] ?? freshness.fallback), freshness.grace);
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The controls of `controlsOfMap`, each with the kinds that evidence it. */
export type MappedControls = ReturnType<typeof controlsOfMap>;

/** The exclusions of an applicability by 'framework ref', built once per applicability (it is read for every control of every system). */
const exclusionsOf = new WeakMap<object, Map<string, string>>();

/** The reason a control the published SoA excludes is not applicable; null when it applies. */
export function exclusionReason(applicability: ControlApplicability, framework: CatalogFramework, ref: string): ControlHealthReason | null {
  if (applicability.source !== 'soa') return null;
  let excluded = exclusionsOf.get(applicability);
  if (!excluded) {
    excluded = new Map();
    for (const e of applicability.excluded) if (!excluded.has(`${e.framework} ${e.ref}`)) excluded.set(`${e.framework} ${e.ref}`, e.justification);
    exclusionsOf.set(applicability, excluded);
  }
  const justification = excluded.get(`${framework} ${ref}`);
  return justification === undefined ? null : { code: 'excluded', message: `excluded by the Statement of Applicability version ${applicability.version}: ${justification}` };
}

/** What a control's kinds say, worked out once per control list rather than for every system. */
interface ControlPlan {
  key: string;
  kindNames: EvidenceKind[];
  noEvidence: string;
  openItemSources: ReadonlySet<EvidencePdcaSource>;
  overdueReviewCounts: boolean;
  failedReviewItemCounts: boolean;
}
const plans = new WeakMap<MappedControls[number], ControlPlan>();
function planOf(control: MappedControls[number]): ControlPlan {
  let plan = plans.get(control);
  if (!plan) {
    const { framework, ref, kinds } = control;
    plan = {
      key: `${framework} ${ref}`,
      kindNames: kinds.map((k) => k.kind),
      noEvidence: `no ${kinds.map((k) => k.title.toLowerCase()).join(', ')} recorded yet`,
      openItemSources: new Set(kinds.flatMap((k) => k.openItemsAgainst)),
      overdueReviewCounts: kinds.some((k) => k.overdueReviewCounts),
      failedReviewItemCounts: kinds.some((k) => k.failedReviewItemCounts),
    };
    plans.set(control, plan);
  }
  return plan;
}

/**
 * The health of every control the evidence map touches, in map order. `controls` is
 * controlsOfMap(map, manual controls), passed in by callers that compute many systems. With
 * `freshReasons: false`, effective controls come without their reasons: the organisation-wide
 * fold keeps only reasons against a control, and formatting the others for every system of a
 * large inventory was most of the cost.
 */
export function computeControlHealth(
  input: ControlHealthInput,
  controls: MappedControls = controlsOfMap(input.map, input.manual?.controls),
  opts: { freshReasons?: boolean } = {},
): ControlHealth[] {
  const { now } = input;
  return controls.map((control) => {
    const { framework, ref, kinds } = control;
    const plan = planOf(control);
    const manual = input.manual?.evidence[plan.key];
    // manual evidence counts per control (its items name their controls), the other kinds per kind
    const evidenceOf = (k: EvidenceKindMapping): KindEvidence | undefined => (k.kind === MANUAL_EVIDENCE_KIND ? manual : input.evidence[k.kind]);
    let evidenceCount = 0;
    let latestEvidenceAt: number | null = null;
    let recorded = 0;
    for (const k of kinds) {
      const e = evidenceOf(k);
      if (!e || !(e.count > 0)) continue;
      recorded += 1;
      evidenceCount += e.count;
      if (e.latestAt !== null && (latestEvidenceAt === null || e.latestAt > latestEvidenceAt)) latestEvidenceAt = e.latestAt;
    }
    const base = { framework, ref, kinds: plan.kindNames.slice() };

    const excluded = exclusionReason(input.applicability, framework, ref);
    if (excluded) return { ...base, status: 'not_applicable' as const, reasons: [excluded], evidenceCount, latestEvidenceAt };
    if (recorded === 0) return { ...base, status: 'no_evidence' as const, reasons: [{ code: 'no_evidence' as const, message: plan.noEvidence }], evidenceCount: 0, latestEvidenceAt: null };

    // Whether each kind with evidence is fresh; the texts are written only for the reasons returned.
    let fresh = false;
    for (const k of kinds) {
      const e = evidenceOf(k);
      if (!e || !(e.count > 0)) continue;
      if (k.kind === MANUAL_EVIDENCE_KIND) fresh ||= manual!.expiresAt >= now;
      else {
        const until = e.latestAt === null ? null : freshUntil(e.latestAt, k.freshness, input.cadences);
        fresh ||= until === null || until >= now;
      }
      if (fresh) break;
    }
    const against: ControlHealthReason[] = [];
    // the control has fresh evidence if any of its kinds has; all stale is a reason in itself
    if (!fresh) {
      for (const k of kinds) {
        const e = evidenceOf(k);
        if (!e || !(e.count > 0)) continue;
        if (k.kind === MANUAL_EVIDENCE_KIND) against.push({ code: 'evidence_expired', kind: k.kind, message: `${k.title}: every item has expired, the last on ${day(manual!.expiresAt)}` });
        else against.push({ code: 'stale_evidence', kind: k.kind, message: `${k.title}: latest ${day(e.latestAt!)}, stale since ${day(freshUntil(e.latestAt!, k.freshness, input.cadences)!)}` });
      }
    }
    if (input.overdueReview && plan.overdueReviewCounts) {
      against.push({
        code: 'review_overdue',
        message: `the periodic review was due ${day(input.overdueReview.dueAt)} and is not decided`,
        ...(input.overdueReview.taskId ? { recordId: input.overdueReview.taskId } : {}),
      });
    }
    for (const item of input.openItems ?? []) {
      if (item.kind === 'improvement' || !plan.openItemSources.has(item.sourceType)) continue;
      against.push({ code: 'open_pdca_item', recordId: item.id, message: `open ${item.kind.replace('_', ' ')} (${item.sourceType.replace('_', ' ')}): ${item.title}` });
    }
    const failed = input.lastReviewFailedItems;
    if (failed && failed.items.length && plan.failedReviewItemCounts) {
      against.push({ code: 'failed_review_item', recordId: failed.taskId, message: `the last periodic review failed: ${failed.items.join(', ')}` });
    }
    if (against.length) return { ...base, status: 'attention' as const, reasons: against, evidenceCount, latestEvidenceAt };
    if (opts.freshReasons === false) return { ...base, status: 'effective' as const, reasons: [], evidenceCount, latestEvidenceAt };
    const reasons: ControlHealthReason[] = [];
    for (const k of kinds) {
      const e = evidenceOf(k);
      if (!e || !(e.count > 0)) continue;
      if (k.kind === MANUAL_EVIDENCE_KIND) {
        if (manual!.expiresAt >= now) reasons.push({ code: 'fresh_evidence', kind: k.kind, message: `${k.title}: ${manual!.count} item(s), valid until ${day(manual!.expiresAt)}` });
        continue;
      }
      const at = e.latestAt;
      const until = at === null ? null : freshUntil(at, k.freshness, input.cadences);
      if (at === null || until === null || until >= now) {
        reasons.push({ code: 'fresh_evidence', kind: k.kind, message: `${k.title}: ${at === null ? 'recorded' : `latest ${day(at)}`}${until === null ? ' (standing until superseded)' : `, fresh until ${day(until)}`}` });
      }
    }
    return { ...base, status: 'effective' as const, reasons, evidenceCount, latestEvidenceAt };
  });
}

/** One control's health across the AI systems: how many systems stand where, and why. */
export interface ControlHealthSummary {
  framework: CatalogFramework;
  ref: string;
  /** the worst of the systems' statuses: attention before no_evidence before effective; not_applicable when excluded */
  status: ControlHealthStatus;
  counts: Record<ControlHealthStatus, number>;
  /**
   * each reason code against the control (in CONTROL_HEALTH_REASON_CODES order) with the number
   * of systems it applies to and, as its example, the first (in text order) of their messages
   */
  reasons: Array<{ code: ControlHealthReasonCode; systems: number; example: string }>;
  evidenceCount: number;
  latestEvidenceAt: number | null;
}

/**
 * The earliest moment (epoch ms) at which time alone could change a status computed from
 * `input`: evidence that is fresh now goes stale just after its freshness ends, manual evidence
 * lapses just after its expiry, and a review falls overdue just after its due date. Until then
 * the result of computeControlHealth holds unless the evidence changes; null when time never
 * changes it. Errs early, never late: a moment may change nothing.
 */
export function controlHealthValidUntil(input: ControlHealthInput, controls: MappedControls = controlsOfMap(input.map, input.manual?.controls)): number | null {
  let until: number | null = null;
  // statuses compare `until >= now` and `due < now`: the change comes one millisecond after the moment
  const consider = (moment: number) => {
    if (moment + 1 > input.now && (until === null || moment + 1 < until)) until = moment + 1;
  };
  let reviewCounts = false;
  for (const control of controls) {
    const { framework, ref, kinds } = control;
    if (exclusionReason(input.applicability, framework, ref)) continue;
    const plan = planOf(control);
    for (const k of kinds) {
      if (k.kind === MANUAL_EVIDENCE_KIND) {
        const manual = input.manual?.evidence[plan.key];
        if (manual && manual.count > 0 && manual.expiresAt >= input.now) consider(manual.expiresAt);
        continue;
      }
      const evidence = input.evidence[k.kind];
      if (!evidence || evidence.count === 0 || evidence.latestAt === null) continue;
      const fresh = freshUntil(evidence.latestAt, k.freshness, input.cadences);
      if (fresh !== null && fresh >= input.now) consider(fresh);
    }
    reviewCounts ||= plan.overdueReviewCounts;
  }
  // once overdue, a later review falling due changes nothing: the reason names the earliest
  if (reviewCounts && !input.overdueReview && input.upcomingReviewAt !== undefined && input.upcomingReviewAt !== null) consider(input.upcomingReviewAt);
  return until;
}

/** How many items and the newest, per control. */
export interface ControlEvidenceTotal {
  count: number;
  /** epoch ms; null when there is none or none is dated */
  latestAt: number | null;
}

/**
 * Per control (in `controls` order), the items and the newest of the given evidence: what
 * computeControlHealth reports as evidenceCount and latestEvidenceAt. Because it adds up, a
 * system's own evidence and the organisation-wide evidence can be totalled apart: the two
 * counts add up to the system's, the later of the two dates is the system's.
 */
export function controlEvidenceTotals(
  controls: MappedControls,
  evidence: ControlHealthInput['evidence'],
  manual: Readonly<Record<string, ManualControlEvidence>> = {},
): ControlEvidenceTotal[] {
  return controls.map(({ framework, ref, kinds }) => {
    let count = 0;
    let latestAt: number | null = null;
    for (const k of kinds) {
      const e: KindEvidence | undefined = k.kind === MANUAL_EVIDENCE_KIND ? manual[`${framework} ${ref}`] : evidence[k.kind];
      if (!e || e.count <= 0) continue;
      count += e.count;
      if (e.latestAt !== null && (latestAt === null || e.latestAt > latestAt)) latestAt = e.latestAt;
    }
    return { count, latestAt };
  });
}

/** A system's manual evidence as control health takes it: its own items and the organisation-wide ones, per control. */
export function mergeManualEvidence(
  organisation: Readonly<Record<string, ManualControlEvidence>>,
  own: Readonly<Record<string, ManualControlEvidence>>,
): Record<string, ManualControlEvidence> {
  const merged: Record<string, ManualControlEvidence> = { ...organisation };
  for (const [key, e] of Object.entries(own)) {
    const o = merged[key];
    const latestAt = o && o.latestAt !== null && (e.latestAt === null || o.latestAt > e.latestAt) ? o.latestAt : e.latestAt;
    merged[key] = o ? { ...e, count: o.count + e.count, latestAt, expiresAt: Math.max(o.expiresAt, e.expiresAt) } : e;
  }
  return merged;
}
