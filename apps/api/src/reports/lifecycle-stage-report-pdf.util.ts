import PDFDocument from 'pdfkit';
import { RISK_TIERS } from '@aigov/domain/risk-tier';
import { pdfText } from '../soa/export/soa-export-pdf.util';
import type { LifecycleStageReport } from './lifecycle-stage-report.service';
import { drawPageFooters } from '../common/pdf-page-footers';

type Doc = PDFKit.PDFDocument;

const MARGIN = 40;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const SIZE = 9;
const ROW = 18;

/** `impact_assessment` -> `Impact assessment`. */
const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ');
const utc = (iso: string) => iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
const days = (value: number | null) => (value === null ? '-' : value.toFixed(1));

/** The table's columns (points on portrait A4: 515 wide between the margins). */
const TIER_COLUMNS = [...RISK_TIERS.map((tier) => ({ key: tier as string | null, header: label(tier) })), { key: null, header: 'Not assessed' }];
const WIDTHS = [112, 46, 46, 44, 36, 54, 57, 60, 60];
const HEADERS = ['Stage', 'Systems', ...TIER_COLUMNS.map((c) => c.header), 'Average days in stage', 'Longest days in stage'];

/**
 * The lifecycle stage report as a PDF (portrait A4, the standard fonts): the organisation, when it
 * was generated and the inventory's size, the overdue reviews and tasks, then a table of every
 * stage with its systems per risk tier and how long they have been in it, and a footer with the
 * page number. The same figures as the JSON and CSV forms of GET /reports/lifecycle-stages.
 */
export function buildLifecycleStageReportPdf(report: LifecycleStageReport, organisation: { name: string }): Promise<Buffer> {
  const when = new Date(report.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: 'AI systems by lifecycle stage', Author: 'AI Governance Engine', Subject: 'Lifecycle stage report', CreationDate: when, ModDate: when },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  doc.font(BOLD).fontSize(20).text('AI systems by lifecycle stage', MARGIN, MARGIN, { width });
  doc.font(BOLD).fontSize(12).text(pdfText(organisation.name), { width });
  doc.font(FONT).fontSize(10).fillColor('#444444').text(`Generated ${utc(report.generatedAt)}`, { width }).fillColor('black');
  doc.moveDown(0.8);
  const facts: Array<[string, string]> = [
    ['AI systems', String(report.total)],
    ['Periodic reviews overdue', String(report.overdueReviews)],
    ['Open approval tasks', `${report.openApprovalTasks} (${report.overdueTasks.approval} overdue)`],
    ['Open review tasks', `${report.openReviewTasks} (${report.overdueTasks.review} overdue)`],
  ];
  for (const [name, value] of facts) {
    const y = doc.y;
    doc.font(BOLD).fontSize(10).text(name, MARGIN, y, { width: 160 });
    doc.font(FONT).fontSize(10).text(value, MARGIN + 170, y, { width: width - 170 });
    doc.moveDown(0.3);
  }
  doc.moveDown(0.8);
  table(doc, report);
  doc.moveDown(0.8);
  doc.font(FONT).fontSize(8).fillColor('#444444').text(
    'Days in stage count from when each system entered its current stage to the time the report was generated. A periodic review is overdue when a system in operation is past its review date or its review task is past its due date.',
    MARGIN,
    doc.y,
    { width },
  );
  footers(doc, report);
  doc.end();
  return done;
}

function table(doc: Doc, report: LifecycleStageReport): void {
  const y0 = doc.y;
  const headerHeight = 26;
  doc.rect(MARGIN, y0, WIDTHS.reduce((a, b) => a + b, 0), headerHeight).fill('#dde5f0').fillColor('black');
  cells(doc, HEADERS, y0 + 3, BOLD, 8);
  let y = y0 + headerHeight;
  for (const stage of report.byStage) {
    const perTier = TIER_COLUMNS.map(({ key }) => String(report.byStageAndTier.find((r) => r.stage === stage.stage && r.riskTier === key)?.count ?? 0));
    cells(doc, [label(stage.stage), String(stage.count), ...perTier, days(stage.averageDaysInStage), days(stage.longestDaysInStage)], y + 5, FONT, SIZE);
    y += ROW;
    doc.moveTo(MARGIN, y).lineTo(MARGIN + WIDTHS.reduce((a, b) => a + b, 0), y).lineWidth(0.3).strokeColor('#999999').stroke();
  }
  cells(doc, ['Total', String(report.total)], y + 5, BOLD, SIZE);
  doc.x = MARGIN;
  doc.y = y + ROW;
}

function cells(doc: Doc, texts: string[], y: number, font: string, size: number): void {
  let x = MARGIN;
  doc.font(font).fontSize(size);
  texts.forEach((text, i) => {
    doc.text(text, x + 3, y, { width: WIDTHS[i] - 6, align: i === 0 ? 'left' : 'right' });
    x += WIDTHS[i];
  });
}

function footers(doc: Doc, report: LifecycleStageReport): void {
  drawPageFooters(doc, { margin: MARGIN, offset: 6, label: `Lifecycle stage report, generated ${utc(report.generatedAt)}`, pageNumberWidth: 90 });
}
