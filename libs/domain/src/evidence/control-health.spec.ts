import { parseEvidenceMap } from './evidence-map.parser';
import { ALL_CONTROLS_APPLICABLE, computeControlHealth, ControlHealthInput, controlsOfMap } from './control-health';
import { summariseControlHealth } from './control-health-fold';
import { ControlCatalogIndex } from '../catalog/control-catalog.index';
import { parseControlLibrary } from '../catalog/control-catalog.parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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
const daysAgo = (n: number) => NOW - n * 86_400_000;

function input(over: Partial<ControlHealthInput> = {}): ControlHealthInput {
  return {
    now: NOW,
    map,
    applicability: ALL_CONTROLS_APPLICABLE,
    evidence: {},
    cadences: { tier_review: 'P6M', management_review: 'P3M', internal_audit: 'P1Y' },
    ...over,
  };
}
const of = (health: ReturnType<typeof computeControlHealth>, framework: string, ref: string) => health.find((h) => h.framework === framework && h.ref === ref)!;

describe('control health', () => {
  it('covers every control the map touches, once, in map order', () => {
    const health = computeControlHealth(input());
    expect(health.map((h) => `${h.framework} ${h.ref}`)).toEqual(controlsOfMap(map).map((c) => `${c.framework} ${c.ref}`));
    expect(new Set(health.map((h) => `${h.framework} ${h.ref}`)).size).toBe(health.length);
  });

  it('is no_evidence with nothing recorded, naming what is missing', () => {
    const h = of(computeControlHealth(input()), 'iso42001', 'A.6.2.5');
    expect(h.status).toBe('no_evidence');
    expect(h.reasons[0]).toMatchObject({ code: 'no_evidence' });
    expect(h.reasons[0].message).toContain('deployments');
  });

  it('is effective with standing evidence however old', () => {
    const h = of(computeControlHealth(input({ evidence: { deployment: { count: 2, latestAt: daysAgo(900) } } })), 'iso27001', 'A.8.32');
    expect(h).toMatchObject({ status: 'effective', evidenceCount: 2, latestEvidenceAt: daysAgo(900), kinds: ['deployment', 'material_change'] });
    expect(h.reasons[0]).toMatchObject({ code: 'fresh_evidence', kind: 'deployment' });
  });

  it('is effective while the newest review is within the tier cadence plus grace, attention after', () => {
    const fresh = of(computeControlHealth(input({ evidence: { periodic_review: { count: 1, latestAt: daysAgo(200) } } })), 'iso42001', 'A.6.2.6');
    expect(fresh.status).toBe('effective'); // P6M + P30D
    const stale = of(computeControlHealth(input({ evidence: { periodic_review: { count: 1, latestAt: daysAgo(220) } } })), 'iso42001', 'A.6.2.6');
    expect(stale.status).toBe('attention');
    expect(stale.reasons).toEqual([expect.objectContaining({ code: 'stale_evidence', kind: 'periodic_review' })]);
  });

  it('uses the fallback when the policy has no such cadence', () => {
    const held = { management_review: { count: 1, latestAt: daysAgo(300) } };
    expect(of(computeControlHealth(input({ evidence: held })), 'clauses', '9.3').status).toBe('attention'); // P3M + P30D
    expect(of(computeControlHealth(input({ evidence: held, cadences: { tier_review: null, management_review: null, internal_audit: null } })), 'clauses', '9.3').status).toBe('effective'); // P1Y + P30D
  });

  it('counts one fresh kind enough when another kind of the same control is stale', () => {
    const h = of(computeControlHealth(input({ evidence: { periodic_review: { count: 1, latestAt: daysAgo(10) }, monitoring_event: { count: 3, latestAt: daysAgo(400) } } })), 'eu_ai_act', 'art-72');
    expect(h.status).toBe('effective');
    expect(h.evidenceCount).toBe(4);
  });

  it('turns the review controls to attention when a review is overdue, and leaves the others', () => {
    const health = computeControlHealth(
      input({ evidence: { periodic_review: { count: 1, latestAt: daysAgo(10) }, deployment: { count: 1, latestAt: daysAgo(10) } }, overdueReview: { dueAt: daysAgo(1), taskId: 't-1' } }),
    );
    expect(of(health, 'iso42001', 'A.6.2.6')).toMatchObject({ status: 'attention', reasons: [expect.objectContaining({ code: 'review_overdue', recordId: 't-1' })] });
    expect(of(health, 'iso42001', 'A.6.2.5').status).toBe('effective');
  });

  it('counts an open nonconformity against the controls of its origin only; improvements never', () => {
    const openItems = [
      { id: 'n-1', kind: 'nonconformity' as const, sourceType: 'incident' as const, title: 'Rolled back' },
      { id: 'i-1', kind: 'improvement' as const, sourceType: 'review' as const, title: 'Nicer dashboard' },
    ];
    const health = computeControlHealth(input({ evidence: { rollback: { count: 1, latestAt: daysAgo(3) }, periodic_review: { count: 1, latestAt: daysAgo(3) }, pdca_item: { count: 2, latestAt: daysAgo(3) } }, openItems }));
    expect(of(health, 'iso42001', 'A.8.4')).toMatchObject({ status: 'attention', reasons: [expect.objectContaining({ code: 'open_pdca_item', recordId: 'n-1' })] });
    expect(of(health, 'clauses', '10.2').status).toBe('attention');
    expect(of(health, 'iso42001', 'A.6.2.6').status).toBe('effective');
  });

  it('turns the review controls to attention for a failed item in the last review', () => {
    const h = of(computeControlHealth(input({ evidence: { periodic_review: { count: 1, latestAt: daysAgo(3) } }, lastReviewFailedItems: { taskId: 'r-1', items: ['bias_fairness'] } })), 'iso42001', 'A.6.2.6');
    expect(h).toMatchObject({ status: 'attention', reasons: [expect.objectContaining({ code: 'failed_review_item', recordId: 'r-1' })] });
    expect(h.reasons[0].message).toContain('bias_fairness');
  });

  it('is not_applicable when a published SoA excludes the control, with its justification', () => {
    const applicability = { source: 'soa' as const, version: 3, excluded: [{ framework: 'iso27001' as const, ref: 'A.8.32', justification: 'no change process in scope' }] };
    const h = of(computeControlHealth(input({ applicability, evidence: { deployment: { count: 1, latestAt: daysAgo(1) } } })), 'iso27001', 'A.8.32');
    expect(h).toMatchObject({ status: 'not_applicable', reasons: [expect.objectContaining({ code: 'excluded' })] });
    expect(h.reasons[0].message).toContain('version 3: no change process in scope');
  });

  it('summarises across systems: the worst status, counts and reasons by number of systems', () => {
    const good = computeControlHealth(input({ evidence: { periodic_review: { count: 1, latestAt: daysAgo(3) } } }));
    const late = computeControlHealth(input({ evidence: { periodic_review: { count: 1, latestAt: daysAgo(3) } }, overdueReview: { dueAt: daysAgo(1), taskId: null } }));
    const none = computeControlHealth(input());
    const summary = summariseControlHealth([good, late, none], none);
    const row = summary.find((s) => s.framework === 'iso42001' && s.ref === 'A.6.2.6')!;
    expect(row).toMatchObject({ status: 'attention', counts: { effective: 1, attention: 1, no_evidence: 1, not_applicable: 0 }, evidenceCount: 2 });
    expect(row.reasons).toEqual([expect.objectContaining({ code: 'review_overdue', systems: 1 })]);
    expect(summariseControlHealth([], none).find((s) => s.ref === 'A.6.2.6')!.status).toBe('no_evidence');
  });
});

describe('control health with manual evidence', () => {
  const key = 'iso27001 A.5.19';
  const manual = (expiresAt: number) => ({
    controls: [{ framework: 'iso27001' as const, ref: 'A.5.19' }, { framework: 'iso42001' as const, ref: 'A.6.2.5' }],
    evidence: {
      [key]: { framework: 'iso27001' as const, ref: 'A.5.19', count: 1, latestAt: daysAgo(10), expiresAt },
      'iso42001 A.6.2.5': { framework: 'iso42001' as const, ref: 'A.6.2.5', count: 2, latestAt: daysAgo(5), expiresAt },
    },
  });

  it('adds the controls manual evidence names, after the map’s, and the manual kind to those the map has', () => {
    const health = computeControlHealth(input({ manual: manual(daysAgo(-30)) }));
    expect(health).toHaveLength(controlsOfMap(map).length + 1);
    expect(health[health.length - 1]).toMatchObject({ framework: 'iso27001', ref: 'A.5.19', kinds: ['manual_evidence'], status: 'effective', evidenceCount: 1 });
    const deployment = of(health, 'iso42001', 'A.6.2.5');
    expect(deployment.kinds).toEqual(['deployment', 'material_change', 'manual_evidence']);
    expect(deployment).toMatchObject({ status: 'effective', evidenceCount: 2 });
  });

  it('turns to attention with evidence_expired once every item has expired, unless other evidence is fresh', () => {
    const health = computeControlHealth(input({ manual: manual(daysAgo(1)), evidence: { deployment: { count: 1, latestAt: daysAgo(1) } } }));
    expect(of(health, 'iso27001', 'A.5.19')).toMatchObject({ status: 'attention', reasons: [{ code: 'evidence_expired', kind: 'manual_evidence' }] });
    expect(of(health, 'iso42001', 'A.6.2.5').status).toBe('effective');
  });

  it('keeps the control list the same for every system, so the organisation-wide fold lines up', () => {
    const m = manual(daysAgo(-30));
    const withItems = computeControlHealth(input({ manual: m }));
    const without = computeControlHealth(input({ manual: { controls: m.controls, evidence: {} } }));
    expect(without.map((h) => h.ref)).toEqual(withItems.map((h) => h.ref));
    expect(of(without, 'iso27001', 'A.5.19').status).toBe('no_evidence');
    const folded = summariseControlHealth([withItems, without], computeControlHealth(input({ manual: { controls: m.controls, evidence: {} } })));
    expect(folded.find((c) => c.ref === 'A.5.19')).toMatchObject({ status: 'no_evidence', counts: { effective: 1, no_evidence: 1 } });
  });
});
