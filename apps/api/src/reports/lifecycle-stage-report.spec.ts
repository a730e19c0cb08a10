import { LifecycleStageReport, lifecycleStageReportCsv } from './lifecycle-stage-report.service';

const report = (): LifecycleStageReport => ({
  generatedAt: '2026-11-23T00:00:00.000Z',
  total: 3,
  byStage: [
    { stage: 'design', count: 0, averageDaysInStage: null, longestDaysInStage: null },
    { stage: 'operation', count: 3, averageDaysInStage: 12.5, longestDaysInStage: 30 },
  ],
  byStageAndTier: [
    { stage: 'operation', riskTier: 'high', count: 1 },
    { stage: 'operation', riskTier: 'limited', count: 2 },
  ],
  overdueReviews: 0,
  overdueTasks: { approval: 0, review: 0 },
  openApprovalTasks: 0,
  openReviewTasks: 0,
});

describe('lifecycle stage report CSV', () => {
  it('has a header, a zero row for empty stages and one row per stage and tier, CRLF-terminated', () => {
    const csv = lifecycleStageReportCsv(report());
    expect(csv.split('\r\n')).toEqual([
      'stage,risk_tier,count,stage_average_days,stage_longest_days',
      'design,,0,,',
      'operation,high,1,12.5,30',
      'operation,limited,2,12.5,30',
      '',
    ]);
  });

  it('counts in the rows add up to the total', () => {
    const rows = lifecycleStageReportCsv(report()).trim().split('\r\n').slice(1);
    expect(rows.reduce((n, r) => n + Number(r.split(',')[2]), 0)).toBe(3);
  });
});
