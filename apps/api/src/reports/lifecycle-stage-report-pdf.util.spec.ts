import { LIFECYCLE_STAGES } from '@aigov/domain/lifecycle-stage';
import { pdfPages } from '../../../../test/support/pdf-text';
import { buildLifecycleStageReportPdf } from './lifecycle-stage-report-pdf.util';
import type { LifecycleStageReport } from './lifecycle-stage-report.service';

const report = (): LifecycleStageReport => ({
  generatedAt: '2026-11-23T09:30:12.345Z',
  total: 6,
  byStage: LIFECYCLE_STAGES.map((stage) =>
    stage === 'operation'
      ? { stage, count: 5, averageDaysInStage: 12.25, longestDaysInStage: 30 }
      : stage === 'design'
        ? { stage, count: 1, averageDaysInStage: 2, longestDaysInStage: 2 }
        : { stage, count: 0, averageDaysInStage: null, longestDaysInStage: null },
  ),
  byStageAndTier: [
    { stage: 'design', riskTier: null, count: 1 },
    { stage: 'operation', riskTier: 'high', count: 2 },
    { stage: 'operation', riskTier: 'limited', count: 3 },
  ],
  overdueReviews: 4,
  overdueTasks: { approval: 1, review: 2 },
  openApprovalTasks: 7,
  openReviewTasks: 3,
});

describe('buildLifecycleStageReportPdf', () => {
  it('reads back with the organisation, the time, the overdue figures and every stage with its counts per tier', async () => {
    const bytes = await buildLifecycleStageReportPdf(report(), { name: 'Acme Health & Care' });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(bytes);
    expect(pages).toHaveLength(1);
    const text = pages[0];
    expect(text).toContain('AI systems by lifecycle stage');
    expect(text).toContain('Acme Health & Care');
    expect(text).toContain('Generated 2026-11-23 09:30 UTC');
    expect(text).toMatch(/Periodic reviews overdue\s+4/);
    expect(text).toMatch(/Open approval tasks\s+7 \(1 overdue\)/);
    expect(text).toMatch(/Open review tasks\s+3 \(2 overdue\)/);
    for (const stage of ['Design', 'Impact assessment', 'Approval', 'Periodic review', 'Retired', 'Rejected']) expect(text).toContain(stage);
    // stage, systems, minimal, limited, high, prohibited, not assessed, average, longest
    expect(text).toMatch(/Operation\s+5\s+0\s+3\s+2\s+0\s+0\s+12\.3\s+30\.0/);
    expect(text).toMatch(/Design\s+1\s+0\s+0\s+0\s+0\s+1\s+2\.0\s+2\.0/);
    expect(text).toMatch(/Rejected\s+0\s+0\s+0\s+0\s+0\s+0\s+-\s+-/);
    expect(text).toMatch(/Total\s+6/);
    expect(text).toContain('Page 1 of 1');
  });
});
