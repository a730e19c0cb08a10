import type { ControlHealthStatus, ControlHealthSummary } from './control-health';
import { compareControlHealth, controlHealthSnapshotOf } from './control-health-snapshot';

const row = (framework: ControlHealthSummary['framework'], ref: string, status: ControlHealthStatus): ControlHealthSummary => ({
  framework,
  ref,
  status,
  counts: { effective: 0, attention: 0, no_evidence: 0, not_applicable: 0 },
  reasons: [],
  evidenceCount: 0,
  latestEvidenceAt: null,
});

describe('control-health snapshots', () => {
  const before = controlHealthSnapshotOf(
    [row('iso42001', 'A.5.2', 'effective'), row('iso42001', 'A.6.2.6', 'effective'), row('iso27001', 'A.5.2', 'no_evidence'), row('clauses', '9.3', 'attention')],
    3,
  );

  it('counts controls per status and per framework and keeps each control’s status, A.5.2 of both frameworks apart', () => {
    expect(before).toEqual({
      systems: 3,
      totals: { effective: 2, attention: 1, no_evidence: 1, not_applicable: 0 },
      byFramework: {
        iso42001: { effective: 2, attention: 0, no_evidence: 0, not_applicable: 0 },
        iso27001: { effective: 0, attention: 0, no_evidence: 1, not_applicable: 0 },
        clauses: { effective: 0, attention: 1, no_evidence: 0, not_applicable: 0 },
      },
      controls: { 'iso42001 A.5.2': 'effective', 'iso42001 A.6.2.6': 'effective', 'iso27001 A.5.2': 'no_evidence', 'clauses 9.3': 'attention' },
    });
  });

  it('says what changed: per status, each control that moved, improved and worsened', () => {
    const after = controlHealthSnapshotOf(
      [row('iso42001', 'A.5.2', 'effective'), row('iso42001', 'A.6.2.6', 'attention'), row('iso27001', 'A.5.2', 'not_applicable'), row('clauses', '9.3', 'effective'), row('eu_ai_act', 'art-72', 'no_evidence')],
      4,
    );
    const change = compareControlHealth(before, after);
    expect(change.totals).toEqual({ effective: 0, attention: 0, no_evidence: 0, not_applicable: 1 });
    expect(change.changed).toEqual([
      { control: 'iso42001 A.6.2.6', from: 'effective', to: 'attention' },
      { control: 'iso27001 A.5.2', from: 'no_evidence', to: 'not_applicable' },
      { control: 'clauses 9.3', from: 'attention', to: 'effective' },
      { control: 'eu_ai_act art-72', from: null, to: 'no_evidence' },
    ]);
    expect({ improved: change.improved, worsened: change.worsened }).toEqual({ improved: 1, worsened: 1 });
    expect(compareControlHealth(after, after)).toEqual({ totals: { effective: 0, attention: 0, no_evidence: 0, not_applicable: 0 }, changed: [], improved: 0, worsened: 0 });
  });
});
