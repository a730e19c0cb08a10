/**
 * The Statement of Applicability (ISO/IEC 42001 6.1.3 d, ISO/IEC 27001 6.1.3 d): for every
 * Annex A control of both standards, whether it applies and why, how far it is implemented, who
 * owns it, the risks it treats and where its evidence is. Pure rules: what an entry must hold
 * and how two versions differ.
 */

/** The Annexes an SoA covers (the catalog frameworks whose controls it lists). */
export const SOA_FRAMEWORKS = ['iso42001', 'iso27001'] as const;
export type SoaFramework = (typeof SOA_FRAMEWORKS)[number];

export const IMPLEMENTATION_STATUSES = ['not_started', 'planned', 'partial', 'implemented'] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

/** Where a version stands: edited as a draft, in its publication round, published (current), or replaced by a later one. */
export const SOA_VERSION_STATUSES = ['draft', 'in_approval', 'published', 'superseded'] as const;
export type SoaVersionStatus = (typeof SOA_VERSION_STATUSES)[number];

/** The fields of an entry a person decides (its control is named by framework and ref). */
export interface SoaEntryFields {
  applicable: boolean;
  justification: string;
  implementationStatus: ImplementationStatus;
  ownerId: string | null;
  /** risk register ids the control treats (a free list until the register links them) */
  riskIds: string[];
  evidenceNotes: string | null;
}

export interface SoaEntry extends SoaEntryFields {
  framework: SoaFramework;
  ref: string;
}

export const SOA_LIMITS = { justification: 4000, evidenceNotes: 4000, riskIds: 100, riskId: 100 } as const;

/** What is wrong with an entry, naming the field; null when it may be saved. */
export function soaEntryProblem(e: { applicable?: unknown; justification?: unknown; implementationStatus?: unknown; riskIds?: unknown; evidenceNotes?: unknown }): {
  field: string;
  reason: string;
} | null {
  if (typeof e.applicable !== 'boolean') return { field: 'applicable', reason: 'must be true (the control applies) or false (it is excluded)' };
  if (typeof e.justification !== 'string' || !e.justification.trim()) {
    return { field: 'justification', reason: e.applicable ? 'a justification is required for including a control' : 'a justification is required for excluding a control' };
  }
  if (e.justification.length > SOA_LIMITS.justification) return { field: 'justification', reason: `must be at most ${SOA_LIMITS.justification} characters` };
  if (!(IMPLEMENTATION_STATUSES as readonly unknown[]).includes(e.implementationStatus)) {
    return { field: 'implementationStatus', reason: `must be one of ${IMPLEMENTATION_STATUSES.join(', ')}` };
  }
  if (!e.applicable && e.implementationStatus !== 'not_started') {
    return { field: 'implementationStatus', reason: "an excluded control is not implemented: use 'not_started'" };
  }
  if (e.riskIds !== undefined) {
    if (!Array.isArray(e.riskIds) || e.riskIds.length > SOA_LIMITS.riskIds) return { field: 'riskIds', reason: `must be a list of at most ${SOA_LIMITS.riskIds} risk ids` };
    const bad = e.riskIds.findIndex((r) => typeof r !== 'string' || !r.trim() || r.length > SOA_LIMITS.riskId);
    if (bad >= 0) return { field: `riskIds[${bad}]`, reason: `must be a risk id (1-${SOA_LIMITS.riskId} characters)` };
  }
  if (e.evidenceNotes !== undefined && e.evidenceNotes !== null) {
    if (typeof e.evidenceNotes !== 'string' || e.evidenceNotes.length > SOA_LIMITS.evidenceNotes) {
      return { field: 'evidenceNotes', reason: `must be text of at most ${SOA_LIMITS.evidenceNotes} characters` };
    }
  }
  return null;
}

export const SOA_DIFF_FIELDS = ['applicable', 'justification', 'implementationStatus', 'ownerId', 'riskIds', 'evidenceNotes'] as const;
export type SoaDiffField = (typeof SOA_DIFF_FIELDS)[number];

export interface SoaDiff {
  added: SoaEntry[];
  removed: SoaEntry[];
  changed: Array<{ framework: SoaFramework; ref: string; changes: Array<{ field: SoaDiffField; from: unknown; to: unknown }> }>;
}

const entryKey = (e: { framework: string; ref: string }) => `${e.framework} ${e.ref}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What changed from version `a` to version `b`: entries added, removed, and changed field by field. */
export function diffSoaEntries(a: readonly SoaEntry[], b: readonly SoaEntry[]): SoaDiff {
  const before = new Map(a.map((e) => [entryKey(e), e]));
  const after = new Map(b.map((e) => [entryKey(e), e]));
  const diff: SoaDiff = { added: [], removed: [], changed: [] };
  for (const e of b) {
    const old = before.get(entryKey(e));
    if (!old) {
      diff.added.push(e);
      continue;
    }
    const changes = SOA_DIFF_FIELDS.filter((f) => !same(old[f], e[f])).map((field) => ({ field, from: old[field], to: e[field] }));
    if (changes.length) diff.changed.push({ framework: e.framework, ref: e.ref, changes });
  }
  for (const e of a) if (!after.has(entryKey(e))) diff.removed.push(e);
  return diff;
}
