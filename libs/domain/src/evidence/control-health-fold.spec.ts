import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ControlCatalogIndex } from '../catalog/control-catalog.index';
import { parseControlLibrary } from '../catalog/control-catalog.parser';
import {
  ALL_CONTROLS_APPLICABLE,
  computeControlHealth,
  ControlApplicability,
  controlEvidenceTotals,
  ControlHealthInput,
  controlHealthValidUntil,
  controlsOfMap,
  freshUntil,
  ManualControlEvidence,
  mergeManualEvidence,
} from './control-health';
import {
  ControlHealthFold,
  emptyFold,
  foldRepairs,
  foldSystem,
  partReasonKey,
  repairExample,
  repairLatest,
  summariseControlHealth,
  summaryOfFold,
  SystemHealthPart,
  systemHealthPart,
} from './control-health-fold';
import { parseEvidenceMap } from './evidence-map.parser';
import type { EvidenceKind } from './evidence-map.types';

const DIR = join(__dirname, '../../../../config/catalog');
const read = (f: string) => JSON.parse(readFileSync(join(DIR, f), 'utf8'));
const catalog = new ControlCatalogIndex(
  parseControlLibrary({
    'iso42001.json': read('iso42001.json'),
    'iso27001.json': read('iso27001.json'),
    'clauses.json': read('clauses.json'),
    'eu-ai-act.json': read('eu-ai-act.json'),
    'crosswalk.json': read('crosswalk.json'),
  }),
);
const map = parseEvidenceMap(read('evidence-map.json'), catalog);

const NOW = Date.parse('2027-06-01T00:00:00Z');
const DAY = 86_400_000;
const daysAgo = (n: number) => NOW - n * DAY;
const cadences = { tier_review: 'P6M', management_review: 'P3M', internal_audit: 'P1Y' };

function input(over: Partial<ControlHealthInput> = {}): ControlHealthInput {
  return { now: NOW, map, applicability: ALL_CONTROLS_APPLICABLE, evidence: {}, cadences, ...over };
}
const statusOf = (i: ControlHealthInput, framework: string, ref: string) => computeControlHealth(i).find((h) => h.framework === framework && h.ref === ref)!.status;

describe('controlHealthValidUntil: the earliest moment time alone changes a status', () => {
  it('is just after fresh evidence goes stale, and the status holds until then', () => {
    const reviewed = daysAgo(10);
    const i = input({ evidence: { periodic_review: { count: 1, latestAt: reviewed } } });
    const stale = freshUntil(reviewed, map.kinds.find((k) => k.kind === 'periodic_review')!.freshness, cadences)!;
    expect(controlHealthValidUntil(i)).toBe(stale + 1);
    expect(statusOf({ ...i, now: stale }, 'iso42001', 'A.6.2.6')).toBe('effective');
    expect(statusOf({ ...i, now: stale + 1 }, 'iso42001', 'A.6.2.6')).toBe('attention');
  });

  it('is null when only standing evidence is recorded, and ignores evidence already stale', () => {
    expect(controlHealthValidUntil(input({ evidence: { deployment: { count: 1, latestAt: daysAgo(900) } } }))).toBeNull();
    expect(controlHealthValidUntil(input({ evidence: { periodic_review: { count: 1, latestAt: daysAgo(400) } } }))).toBeNull();
    expect(controlHealthValidUntil(input())).toBeNull();
  });

  it('is just after manual evidence expires', () => {
    const expiresAt = NOW + 5 * DAY;
    const manual = { controls: [{ framework: 'iso27001' as const, ref: 'A.5.19' }], evidence: { 'iso27001 A.5.19': { framework: 'iso27001' as const, ref: 'A.5.19', count: 1, latestAt: daysAgo(3), expiresAt } } };
    const i = input({ manual });
    expect(controlHealthValidUntil(i)).toBe(expiresAt + 1);
    expect(statusOf({ ...i, now: expiresAt }, 'iso27001', 'A.5.19')).toBe('effective');
    expect(statusOf({ ...i, now: expiresAt + 1 }, 'iso27001', 'A.5.19')).toBe('attention');
  });

  it('is just after the review falls due, unless a review is overdue already', () => {
    const due = NOW + 2 * DAY;
    const i = input({ evidence: { deployment: { count: 1, latestAt: daysAgo(1) } }, upcomingReviewAt: due });
    expect(controlHealthValidUntil(i)).toBe(due + 1);
    expect(controlHealthValidUntil({ ...i, overdueReview: { dueAt: daysAgo(1), taskId: null } })).toBeNull();
  });

  it('takes the earliest of several moments and skips controls the SoA excludes', () => {
    const manualExpiry = NOW + 3 * DAY;
    const manual = { controls: [{ framework: 'iso27001' as const, ref: 'A.5.19' }], evidence: { 'iso27001 A.5.19': { framework: 'iso27001' as const, ref: 'A.5.19', count: 1, latestAt: daysAgo(3), expiresAt: manualExpiry } } };
    const i = input({ manual, upcomingReviewAt: NOW + 9 * DAY, evidence: { periodic_review: { count: 1, latestAt: daysAgo(10) } } });
    expect(controlHealthValidUntil(i)).toBe(manualExpiry + 1);
    const applicability: ControlApplicability = { source: 'soa', version: 2, excluded: [{ framework: 'iso27001', ref: 'A.5.19', justification: 'out of scope' }] };
    expect(controlHealthValidUntil({ ...i, applicability })).toBe(NOW + 9 * DAY + 1);
  });
});

/** A small deterministic generator, so every run folds the same systems. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYSTEM_KINDS = map.kinds.filter((k) => k.scope === 'ai_system' && k.kind !== 'manual_evidence').map((k) => k.kind);
const MANUAL_CONTROLS = [
  { framework: 'iso27001' as const, ref: 'A.5.19' },
  { framework: 'iso42001' as const, ref: 'A.6.2.7' },
];
const organisationEvidence: ControlHealthInput['evidence'] = { management_review: { count: 4, latestAt: daysAgo(20) }, access_management: { count: 12, latestAt: daysAgo(2) } };
const organisationManual: Record<string, ManualControlEvidence> = {
  'iso42001 A.6.2.7': { framework: 'iso42001', ref: 'A.6.2.7', count: 2, latestAt: daysAgo(40), expiresAt: daysAgo(5) },
};

interface System {
  own: ControlHealthInput['evidence'];
  ownManual: Record<string, ManualControlEvidence>;
  input: ControlHealthInput;
}

function randomSystem(next: () => number, applicability: ControlApplicability = ALL_CONTROLS_APPLICABLE): System {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const own: ControlHealthInput['evidence'] = {};
  for (const kind of SYSTEM_KINDS) if (next() < 0.5) own[kind as EvidenceKind] = { count: 1 + Math.floor(next() * 4), latestAt: daysAgo(Math.floor(next() * 400)) };
  const ownManual: Record<string, ManualControlEvidence> = {};
  if (next() < 0.3) {
    const c = pick(MANUAL_CONTROLS);
    ownManual[`${c.framework} ${c.ref}`] = { ...c, count: 1, latestAt: daysAgo(Math.floor(next() * 50)), expiresAt: daysAgo(Math.floor(next() * 60) - 30) };
  }
  return {
    own,
    ownManual,
    input: input({
      applicability,
      evidence: { ...own, ...organisationEvidence },
      manual: { controls: MANUAL_CONTROLS, evidence: mergeManualEvidence(organisationManual, ownManual) },
      overdueReview: next() < 0.2 ? { dueAt: daysAgo(Math.floor(next() * 30) + 1), taskId: null } : null,
      openItems: next() < 0.2 ? [{ id: `p-${next()}`, kind: 'nonconformity', sourceType: pick(['incident', 'review', 'ai_system'] as const), title: `item ${Math.floor(next() * 5)}` }] : [],
      lastReviewFailedItems: next() < 0.1 ? { taskId: 'r', items: [pick(['bias', 'drift', 'logging'])] } : null,
    }),
  };
}

const controls = controlsOfMap(map, MANUAL_CONTROLS);
const organisationHealth = (applicability: ControlApplicability = ALL_CONTROLS_APPLICABLE) =>
  computeControlHealth(input({ applicability, evidence: organisationEvidence, manual: { controls: MANUAL_CONTROLS, evidence: organisationManual } }));
const organisationTotals = controlEvidenceTotals(controls, organisationEvidence, organisationManual);
/** a system's part as the store keeps it: its status from all its evidence, its counts from its own */
const ownPart = (s: System) => systemHealthPart(computeControlHealth(s.input, controls), controlEvidenceTotals(controls, s.own, s.ownManual));

/** What a store looks up among the systems left: the first example of a reason and the newest date. */
function repair(fold: ControlHealthFold, parts: readonly SystemHealthPart[]): void {
  const { examples, latest } = foldRepairs(fold);
  for (const { control, code } of examples) {
    const messages = parts.map((p) => p.r[partReasonKey(control, code)]).filter((m): m is string => m !== undefined).sort();
    repairExample(fold, control, code, messages[0], messages.filter((m) => m === messages[0]).length);
  }
  for (const control of latest) {
    const dates = parts.map((p) => p.l[control]).filter((d): d is number => d !== null);
    const newest = dates.length ? Math.max(...dates) : null;
    repairLatest(fold, control, newest, dates.filter((d) => d === newest).length);
  }
}

describe('the organisation-wide fold', () => {
  const next = prng(42);
  const systems = Array.from({ length: 60 }, () => randomSystem(next));

  it('counts a system’s own evidence and the organisation’s apart, adding up to what control health reports', () => {
    for (const s of systems) {
      const health = computeControlHealth(s.input, controls);
      const own = controlEvidenceTotals(controls, s.own, s.ownManual);
      health.forEach((h, i) => {
        expect(own[i].count + organisationTotals[i].count).toBe(h.evidenceCount);
        const dates = [own[i].latestAt, organisationTotals[i].latestAt].filter((d): d is number => d !== null);
        expect(dates.length ? Math.max(...dates) : null).toBe(h.latestEvidenceAt);
      });
    }
  });

  it('gives the same summary from own-evidence parts plus the shared evidence as from each system’s whole health, in any order', () => {
    const whole = summariseControlHealth(systems.map((s) => computeControlHealth(s.input, controls)), organisationHealth());
    const fold = emptyFold(controls.length);
    for (const s of [...systems].reverse()) foldSystem(fold, ownPart(s), 1);
    expect(summaryOfFold(fold, organisationHealth(), organisationTotals)).toEqual(whole);
    // something to compare: attention with reasons, and counts that include the shared evidence
    const row = whole.find((r) => r.framework === 'iso42001' && r.ref === 'A.6.2.6')!;
    expect(row.status).toBe('attention');
    expect(row.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['review_overdue']));
    const access = whole.find((r) => r.framework === 'iso27001' && r.ref === 'A.5.18')!;
    expect(access.evidenceCount).toBe(12 * systems.length);
  });

  it('takes the first message in text order as a reason’s example, with the number of systems and the codes in a fixed order', () => {
    const summary = summariseControlHealth(systems.map((s) => computeControlHealth(s.input, controls)), organisationHealth());
    for (const [i, row] of summary.entries()) {
      const codes = row.reasons.map((r) => r.code);
      expect(codes).toEqual([...codes].sort((a, b) => ['stale_evidence', 'evidence_expired', 'review_overdue', 'open_pdca_item', 'failed_review_item', 'excluded'].indexOf(a) - ['stale_evidence', 'evidence_expired', 'review_overdue', 'open_pdca_item', 'failed_review_item', 'excluded'].indexOf(b)));
      for (const r of row.reasons) {
        const messages = systems.map((s) => computeControlHealth(s.input, controls)[i]).filter((h) => h.status === 'attention').map((h) => h.reasons.find((x) => x.code === r.code)?.message).filter((m): m is string => !!m);
        expect(r.systems).toBe(messages.length);
        expect(r.example).toBe(messages.sort()[0]);
      }
    }
  });

  it('kept by deltas (take the old part away, add the new) equals a fold of the current parts from scratch', () => {
    const step = prng(7);
    const current = systems.map(ownPart);
    const fold = emptyFold(controls.length);
    for (const p of current) foldSystem(fold, p, 1);
    let repaired = 0;
    for (let round = 0; round < 40; round++) {
      // a burst: a few systems change, one leaves, one joins
      const changed = Array.from({ length: 5 }, () => Math.floor(step() * current.length));
      for (const i of new Set(changed)) {
        foldSystem(fold, current[i], -1);
        current[i] = ownPart(randomSystem(step));
        foldSystem(fold, current[i], 1);
      }
      if (round % 4 === 0) foldSystem(fold, current.splice(Math.floor(step() * current.length), 1)[0], -1);
      if (round % 4 === 2) {
        current.push(ownPart(randomSystem(step)));
        foldSystem(fold, current[current.length - 1], 1);
      }
      const { examples, latest } = foldRepairs(fold);
      repaired += examples.length + latest.length;
      repair(fold, current);
      const scratch = emptyFold(controls.length);
      for (const p of current) foldSystem(scratch, p, 1);
      expect(summaryOfFold(fold, organisationHealth(), organisationTotals)).toEqual(summaryOfFold(scratch, organisationHealth(), organisationTotals));
      expect(foldRepairs(fold)).toEqual({ examples: [], latest: [] });
    }
    // the bursts took away systems that held examples or newest dates, so repairs were exercised
    expect(repaired).toBeGreaterThan(0);
  });

  it('names the exclusion for every system a published SoA excludes the control for, and stands on the organisation alone without systems', () => {
    const applicability: ControlApplicability = { source: 'soa', version: 4, excluded: [{ framework: 'iso42001', ref: 'A.6.2.6', justification: 'monitoring is outsourced' }] };
    const step = prng(3);
    const excluded = Array.from({ length: 5 }, () => randomSystem(step, applicability));
    const fold = emptyFold(controls.length);
    for (const s of excluded) foldSystem(fold, ownPart(s), 1);
    const row = summaryOfFold(fold, organisationHealth(applicability), organisationTotals).find((r) => r.framework === 'iso42001' && r.ref === 'A.6.2.6')!;
    expect(row).toMatchObject({ status: 'not_applicable', counts: { not_applicable: 5, effective: 0, attention: 0, no_evidence: 0 } });
    expect(row.reasons).toEqual([{ code: 'excluded', systems: 5, example: 'excluded by the Statement of Applicability version 4: monitoring is outsourced' }]);

    const alone = summaryOfFold(emptyFold(controls.length), organisationHealth(), organisationTotals);
    expect(alone).toEqual(summariseControlHealth([], organisationHealth()));
    expect(alone.find((r) => r.framework === 'clauses' && r.ref === '9.3')).toMatchObject({ status: 'effective', counts: { effective: 1 }, evidenceCount: 4 });
  });

  it('refuses a part of another control list', () => {
    expect(() => foldSystem(emptyFold(3), ownPart(systems[0]), 1)).toThrow(/does not fit/);
  });
});
