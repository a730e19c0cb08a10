import {
  CONTROL_HEALTH_REASON_CODES,
  CONTROL_HEALTH_STATUSES,
  ControlEvidenceTotal,
  ControlHealth,
  ControlHealthReasonCode,
  ControlHealthStatus,
  ControlHealthSummary,
} from './control-health';

/**
 * Organisation-wide control health as a fold that can be kept current: each system's health is
 * reduced to its part of the summary (SystemHealthPart), and parts are added to and taken from
 * the fold (ControlHealthFold) as systems change. Adding every system once gives the same
 * summary in any order, so a summary kept by deltas equals one folded from scratch. Pure.
 */

const LETTER: Record<ControlHealthStatus, string> = { effective: 'e', attention: 'a', no_evidence: 'n', not_applicable: 'x' };
const STATUS_OF_LETTER: Record<string, ControlHealthStatus> = { e: 'effective', a: 'attention', n: 'no_evidence', x: 'not_applicable' };
const SEVERITY: Record<ControlHealthStatus, number> = { attention: 3, no_evidence: 2, effective: 1, not_applicable: 0 };

/**
 * One system's part of the summary, per control of a fixed list (the order of controlsOfMap).
 * Compact, as one is stored per system.
 */
export interface SystemHealthPart {
  /** one letter per control: e effective, a attention, n no_evidence, x not_applicable */
  s: string;
  /**
   * controls needing attention: the first message of each reason code, keyed `<control index>:<code>`.
   * Not applicable controls have none here: their one reason (the exclusion) is the same for every system.
   */
  r: Record<string, string>;
  /** evidence items per control */
  c: number[];
  /** the newest evidence per control (epoch ms), null when none */
  l: Array<number | null>;
}

/** The key of a control's reason code in SystemHealthPart.r. */
export const partReasonKey = (control: number, code: ControlHealthReasonCode) => `${control}:${code}`;

/**
 * The part of one system's health, `totals` replacing its evidence counts and dates (a system's
 * own evidence, when the organisation-wide evidence every system shares is added at the end).
 */
export function systemHealthPart(health: readonly ControlHealth[], totals?: readonly ControlEvidenceTotal[]): SystemHealthPart {
  const r: Record<string, string> = {};
  let s = '';
  health.forEach((h, i) => {
    s += LETTER[h.status];
    if (h.status !== 'attention') return;
    for (const reason of h.reasons) {
      const key = partReasonKey(i, reason.code);
      if (!(key in r)) r[key] = reason.message;
    }
  });
  return {
    s,
    r,
    c: totals ? totals.map((t) => t.count) : health.map((h) => h.evidenceCount),
    l: totals ? totals.map((t) => t.latestAt) : health.map((h) => h.latestEvidenceAt),
  };
}

/** The systems a reason applies to, and its example: the first of their messages in text order, held by `holders` of them. */
export interface FoldedReason {
  systems: number;
  example: string;
  holders: number;
}

export interface FoldedControl {
  counts: Record<ControlHealthStatus, number>;
  reasons: Partial<Record<ControlHealthReasonCode, FoldedReason>>;
  evidenceCount: number;
  latestAt: number | null;
  /** how many systems have latestAt as their newest */
  latestHolders: number;
}

export interface ControlHealthFold {
  systems: number;
  controls: FoldedControl[];
}

export function emptyFold(controls: number): ControlHealthFold {
  return {
    systems: 0,
    controls: Array.from({ length: controls }, () => ({
      counts: Object.fromEntries(CONTROL_HEALTH_STATUSES.map((s) => [s, 0])) as Record<ControlHealthStatus, number>,
      reasons: {},
      evidenceCount: 0,
      latestAt: null,
      latestHolders: 0,
    })),
  };
}

/**
 * Adds a system's part to the fold (sign 1) or takes it away (sign -1), in place. Taking away the
 * system that held an example or the newest date leaves it without holders (see foldRepairs);
 * adding one that matches or beats it mends that again.
 */
export function foldSystem(fold: ControlHealthFold, part: SystemHealthPart, sign: 1 | -1): void {
  if (part.s.length !== fold.controls.length) throw new Error(`a part of ${part.s.length} controls does not fit a fold of ${fold.controls.length}`);
  fold.systems += sign;
  fold.controls.forEach((f, i) => {
    f.counts[STATUS_OF_LETTER[part.s[i]]] += sign;
    f.evidenceCount += sign * part.c[i];
    const latest = part.l[i];
    if (latest !== null) {
      if (sign > 0) {
        if (f.latestAt === null || latest > f.latestAt) {
          f.latestAt = latest;
          f.latestHolders = 1;
        } else if (latest === f.latestAt) f.latestHolders += 1;
      } else if (latest === f.latestAt) f.latestHolders -= 1;
    }
  });
  for (const [key, message] of Object.entries(part.r)) {
    const [control, code] = key.split(':') as [string, ControlHealthReasonCode];
    const reasons = fold.controls[Number(control)].reasons;
    const r = reasons[code];
    if (sign > 0) {
      if (!r) reasons[code] = { systems: 1, example: message, holders: 1 };
      else {
        r.systems += 1;
        if (message < r.example) Object.assign(r, { example: message, holders: 1 });
        else if (message === r.example) r.holders += 1;
      }
    } else if (r) {
      r.systems -= 1;
      if (message === r.example) r.holders -= 1;
      if (r.systems <= 0) delete reasons[code];
    }
  }
}

/** What a fold lost with systems taken away and cannot know without looking at the remaining systems. */
export interface FoldRepairs {
  /** reasons whose example no remaining system is known to hold */
  examples: Array<{ control: number; code: ControlHealthReasonCode }>;
  /** controls whose newest date no remaining system is known to hold */
  latest: number[];
}

export function foldRepairs(fold: ControlHealthFold): FoldRepairs {
  const repairs: FoldRepairs = { examples: [], latest: [] };
  fold.controls.forEach((f, control) => {
    if (f.latestAt !== null && f.latestHolders <= 0) repairs.latest.push(control);
    for (const code of CONTROL_HEALTH_REASON_CODES) if (f.reasons[code] && f.reasons[code]!.holders <= 0) repairs.examples.push({ control, code });
  });
  return repairs;
}

/** Sets what a look at the remaining systems found: the first message of a reason and how many hold it. */
export function repairExample(fold: ControlHealthFold, control: number, code: ControlHealthReasonCode, example: string, holders: number): void {
  const r = fold.controls[control].reasons[code];
  if (r) Object.assign(r, { example, holders });
}

/** Sets what a look at the remaining systems found: the newest date of a control (null: none) and how many hold it. */
export function repairLatest(fold: ControlHealthFold, control: number, latestAt: number | null, holders: number): void {
  Object.assign(fold.controls[control], { latestAt, latestHolders: latestAt === null ? 0 : holders });
}

/**
 * The summary per control. `organisation` is the health computed from the organisation-wide
 * evidence alone (same controls, same applicability): it stands for the whole when there are no
 * systems, and names the exclusion of a not applicable control. `organisationTotals`, when the
 * parts hold each system's own evidence only, is the organisation-wide evidence every system
 * also counts.
 */
export function summaryOfFold(
  fold: ControlHealthFold,
  organisation: readonly ControlHealth[],
  organisationTotals?: readonly ControlEvidenceTotal[],
): ControlHealthSummary[] {
  if (organisation.length !== fold.controls.length) throw new Error(`the organisation's ${organisation.length} controls do not fit a fold of ${fold.controls.length}`);
  if (fold.systems === 0) {
    const alone = emptyFold(organisation.length);
    foldSystem(alone, systemHealthPart(organisation), 1);
    return summaryOfFold(alone, organisation);
  }
  return organisation.map((control, i) => {
    const f = fold.controls[i];
    let status: ControlHealthStatus = 'not_applicable';
    for (const s of CONTROL_HEALTH_STATUSES) if (f.counts[s] > 0 && SEVERITY[s] > SEVERITY[status]) status = s;
    const excluded = control.reasons.find((r) => r.code === 'excluded');
    const reasons = CONTROL_HEALTH_REASON_CODES.flatMap((code): ControlHealthSummary['reasons'] => {
      if (code === 'excluded') return f.counts.not_applicable > 0 && excluded ? [{ code, systems: f.counts.not_applicable, example: excluded.message }] : [];
      const r = f.reasons[code];
      return r && r.systems > 0 ? [{ code, systems: r.systems, example: r.example }] : [];
    });
    const shared = organisationTotals?.[i];
    const latestEvidenceAt = shared?.latestAt != null && (f.latestAt === null || shared.latestAt > f.latestAt) ? shared.latestAt : f.latestAt;
    return {
      framework: control.framework,
      ref: control.ref,
      status,
      counts: { ...f.counts },
      reasons,
      evidenceCount: f.evidenceCount + (shared ? fold.systems * shared.count : 0),
      latestEvidenceAt,
    };
  });
}

/**
 * Organisation-wide health from every system's health (each computed with the organisation-wide
 * evidence too), folded per control. With no systems, `organisation` (the health computed from
 * organisation-wide evidence alone) stands for the whole.
 */
export function summariseControlHealth(perSystem: readonly ControlHealth[][], organisation: readonly ControlHealth[]): ControlHealthSummary[] {
  const fold = emptyFold(organisation.length);
  for (const health of perSystem) foldSystem(fold, systemHealthPart(health), 1);
  return summaryOfFold(fold, organisation);
}
