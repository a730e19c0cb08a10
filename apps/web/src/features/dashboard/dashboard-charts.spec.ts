import { flowStages, leadTimeOption, operationsOption, pdcaOption, stagesByTierOption, stagesSummary, tiersOption, timeInStageOption } from './dashboard-charts';
import type { Dashboard } from './dashboard-queries';

const STAGES = ['design', 'impact_assessment', 'approval', 'deployment', 'operation', 'periodic_review', 'rollback', 'retirement', 'retired', 'rejected'];
const none = { count: 0, medianDays: null, p90Days: null };

function dashboard(): Dashboard {
  return {
    generatedAt: '2026-11-30T12:00:00.000Z',
    periods: { monthsFrom: '2025-12-01', weeksFrom: '2026-09-07' },
    total: 5,
    byStage: STAGES.map((stage) => ({ stage, count: stage === 'operation' ? 3 : stage === 'design' ? 2 : 0 })) as Dashboard['byStage'],
    byTier: [
      { tier: 'minimal', count: 1 },
      { tier: 'limited', count: 0 },
      { tier: 'high', count: 2 },
      { tier: 'prohibited', count: 0 },
      { tier: 'none', count: 2 },
    ] as Dashboard['byTier'],
    byStageAndTier: [
      { stage: 'design', tier: 'none', count: 2 },
      { stage: 'operation', tier: 'minimal', count: 1 },
      { stage: 'operation', tier: 'high', count: 2 },
    ] as Dashboard['byStageAndTier'],
    timeInStage: STAGES.map((stage) => ({ stage, current: stage === 'operation' ? { count: 3, medianDays: 12.5, p90Days: 30 } : none, completed: none })) as Dashboard['timeInStage'],
    overdue: { reviews: 1, approvalTasks: 0, reviewTasks: 1 },
    openTasks: { approval: 0, review: 1 },
    approvalLeadTime: ['2026-10', '2026-11'].map((month, i) => (i ? { month, decisions: 2, medianDays: 3.5, p90Days: 5.1 } : { month, decisions: 0, medianDays: null, p90Days: null })),
    operations: ['2026-11-16', '2026-11-23'].map((weekStart, i) => ({ weekStart, monitoringEvents: i * 3, bySeverity: { low: i, medium: i, high: 0, critical: i }, rollbacks: i })),
    pdca: {
      open: 3,
      overdue: 1,
      byAge: [
        { bucket: '0-30', minDays: 0, maxDays: 30, open: 2, overdue: 1 },
        { bucket: '180+', minDays: 180, maxDays: null, open: 1, overdue: 0 },
      ],
      openByKind: {},
    },
    controlHealth: null,
    riskMatrix: { likelihood: [], impact: [], scoring: 'multiplicative', bands: [], appetite: 'medium', cells: [], unrated: 0, offMatrix: 0, generatedAt: '' },
  } as unknown as Dashboard;
}

type Series = Array<{ id?: string; name?: string; data: unknown[]; stack?: string }>;
const series = (option: { series?: unknown }) => option.series as Series;

describe('dashboard charts', () => {
  it('stacks each stage by the tiers present, one series per tier, in lifecycle order', () => {
    const option = stagesByTierOption(dashboard());
    expect(series(option).map((s) => s.id)).toEqual(['minimal', 'high', 'none']);
    const byId = Object.fromEntries(series(option).map((s) => [s.id, s.data]));
    expect(byId.high[STAGES.indexOf('operation')]).toBe(2);
    expect(byId.none[STAGES.indexOf('design')]).toBe(2);
    expect(series(option).every((s) => s.stack === 'tier')).toBe(true);
    expect(tiersOption(dashboard()).series).toBeDefined();
  });

  it('leaves months without decisions as gaps in the lead-time lines, not zero days', () => {
    const lines = series(leadTimeOption(dashboard()));
    expect(lines[0].data).toEqual([0, 2]);
    expect(lines[1].data).toEqual([null, 3.5]);
  });

  it('shows time in stage for stages systems move on from only', () => {
    const stages = flowStages(dashboard()).map((t) => t.stage);
    expect(stages).not.toContain('retired');
    expect(stages).not.toContain('rejected');
    expect(series(timeInStageOption(dashboard()))[0].data[stages.indexOf('operation')]).toBe(12.5);
  });

  it('splits open PDCA items into overdue and not, and events by severity with rollbacks', () => {
    const pdca = series(pdcaOption(dashboard()));
    expect(pdca.map((s) => s.data)).toEqual([
      [1, 1],
      [1, 0],
    ]);
    const operations = series(operationsOption(dashboard()));
    expect(operations.map((s) => s.name)).toEqual(['Low events', 'Medium events', 'High events', 'Critical events', 'Rollbacks']);
    expect(operations.at(-1)!.data).toEqual([0, 1]);
  });

  it('draws tooltips on the canvas, never as HTML (the CSP refuses its inline styles), and does not animate', () => {
    for (const build of [stagesByTierOption, tiersOption, timeInStageOption, leadTimeOption, operationsOption, pdcaOption]) {
      const option = build(dashboard()) as { tooltip: { renderMode: string }; animation: boolean };
      expect(option.tooltip.renderMode).toBe('richText');
      expect(option.animation).toBe(false);
    }
  });

  it('names the stage chart with its gist', () => {
    expect(stagesSummary(dashboard())).toBe('Bar chart of 5 AI systems by lifecycle stage and risk tier; most are in operation (3).');
  });
});
