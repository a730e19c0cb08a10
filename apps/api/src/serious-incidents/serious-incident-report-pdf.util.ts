import PDFDocument from 'pdfkit';
import type { SeriousIncidentReport } from '@aigov/persistence/serious-incident-report';
import { pdfText } from '../soa/export/soa-export-pdf.util';
import { drawDraftMark, drawPageFooters } from '../common/pdf-page-footers';

type Doc = PDFKit.PDFDocument;

const MARGIN = 40;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MONO = 'Courier';
const LABEL_WIDTH = 150;

const utc = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC') : '-');
const words = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ');
const person = (p: { name: string; email: string } | null) => (p ? `${p.name} <${p.email}>` : '-');

/**
 * A serious incident report as a PDF (portrait A4, the standard fonts), in the shape of the SoA
 * export: a first page with the facts the authority asks first (system, version, category,
 * awareness, deadline, submission), then the summary, the event(s), the actions taken and the
 * timeline, and on every page a footer with the incident, the SHA-256 once submitted and the
 * page number. A draft says DRAFT on every page. The same content as the JSON form.
 */
export function buildSeriousIncidentReportPdf(report: SeriousIncidentReport, sha256: string | null): Promise<Buffer> {
  const when = new Date(report.compiledAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: pdfText(`Serious incident report: ${report.system.name}${report.draft ? ' (DRAFT)' : ''}`),
      Author: 'AI Governance Engine',
      Subject: 'EU AI Act Art. 73 serious incident report',
      CreationDate: when,
      ModDate: when,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  doc.font(BOLD).fontSize(20).text('Serious incident report', MARGIN, MARGIN, { width });
  doc.font(FONT).fontSize(11).text('EU AI Act (Regulation (EU) 2024/1689) Art. 73, to the market surveillance authority', { width });
  doc.font(BOLD).fontSize(13).text(pdfText(report.organisation.name), { width });
  doc.font(FONT).fontSize(9).fillColor('#444444').text(`Compiled ${utc(report.compiledAt)} from the records of the AI governance engine`, { width }).fillColor('black');
  if (report.draft) {
    doc.moveDown(0.5).font(BOLD).fontSize(14).fillColor('#b00020').text('DRAFT: not yet submitted', { width }).fillColor('black');
  }
  doc.moveDown(0.8);

  const i = report.incident;
  const s = report.system;
  const sub = report.submission;
  const facts: Array<[string, string]> = [
    ['AI system', `${s.name} (${s.id})`],
    ['Purpose', s.purpose],
    ['Intended use', s.intendedUse],
    ['Risk tier', s.riskTier ? words(s.riskTier) : 'not assessed'],
    ['Version in operation', s.versionInOperation ?? 'none recorded'],
    ['Model', s.model ? `${s.model.name} ${s.model.version} (${s.model.checksum})` : 'not recorded'],
    ['Data', s.datasets.length ? s.datasets.map((d) => `${d.name} ${d.version}`).join('; ') : 'not recorded'],
    ['Provider', s.vendor],
    ['Accountable owner', person(s.accountableOwner)],
    ['Category', i.categoryLabel],
    ['Deadline basis', i.deadlineBasis],
    ['Aware since', utc(i.awareAt)],
    ['Report due', `${utc(i.deadlineAt)}${i.deadlineMissedAt ? ' (missed)' : ''}`],
    ['Marked serious', `${utc(i.declaredAt)} by ${person(i.declaredBy)}`],
    [
      'Submission',
      sub
        ? `${utc(sub.submittedAt)} to ${sub.authority}, reference ${sub.reference}${sub.submittedBy ? `, by ${person(sub.submittedBy)}` : ''}${sub.late ? '\nLATE: submitted after the deadline' : ''}${sub.note ? `\n${sub.note}` : ''}`
        : 'not yet submitted',
    ],
  ];
  for (const [label, value] of facts) labelled(doc, label, value);
  if (sha256) labelled(doc, 'SHA-256', sha256, MONO);

  section(doc, 'What happened');
  paragraph(doc, i.summary);

  section(doc, 'Events');
  for (const e of report.events) {
    const measured = e.metric ? ` on ${e.metric}${e.observedValue !== null ? ` (observed ${e.observedValue}${e.threshold !== null ? `, threshold ${e.threshold}` : ''})` : ''}` : '';
    bullet(doc, `${utc(e.occurredAt)}: ${e.severity} ${e.kind} event${measured}${e.source ? `, from ${e.source}` : ''}${e.marked ? ' [the incident]' : ''}${e.description ? `\n${e.description}` : ''}`);
  }

  section(doc, 'Actions taken');
  const a = report.actionsTaken;
  const none = (xs: unknown[]) => (xs.length === 0 ? bullet(doc, 'none recorded') : undefined);
  subheading(doc, 'Lifecycle (rollback, suspension, redeployment, retirement)');
  none(a.stageChanges);
  for (const t of a.stageChanges) bullet(doc, `${utc(t.at)}: ${t.from ?? 'none'} -> ${t.to} (${words(t.action)})${t.reason ? `: ${t.reason}` : ''}${t.by ? `, by ${t.by}` : ''}`);
  subheading(doc, 'Deployments');
  none(a.deployments);
  for (const d of a.deployments) bullet(doc, `${utc(d.at)}: version ${d.version} (${d.kind}, ${d.environment})`);
  subheading(doc, 'Incident reviews and other nonconformities, corrective actions, improvements');
  none(a.pdcaItems);
  for (const p of a.pdcaItems) bullet(doc, `${words(p.kind)}${p.incidentReview ? ' (incident review)' : ''}: ${p.title}; ${p.phase}${p.dueAt ? `, due ${utc(p.dueAt)}` : ''}${p.closedAt ? `, closed ${utc(p.closedAt)}` : ''}`);
  subheading(doc, 'Tasks');
  none(a.tasks);
  for (const t of a.tasks) bullet(doc, `${words(t.kind)}: ${t.title}; ${t.status}${t.decision ? ` (${t.decision})` : ''}${t.assignee ? `, ${t.assignee}` : ''}`);

  section(doc, 'Timeline');
  for (const t of report.timeline) bullet(doc, `${utc(t.at)}  ${t.what}${t.by ? ` (${t.by})` : ''}`);

  footers(doc, report, sha256);
  doc.end();
  return done;
}

function labelled(doc: Doc, label: string, value: string, font = FONT): void {
  const width = doc.page.width - 2 * MARGIN - LABEL_WIDTH - 10;
  doc.font(font).fontSize(10);
  const height = Math.max(doc.heightOfString(pdfText(value), { width }), 12);
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const y = doc.y;
  doc.font(BOLD).fontSize(10).text(label, MARGIN, y, { width: LABEL_WIDTH });
  doc.font(font).fontSize(10).text(pdfText(value), MARGIN + LABEL_WIDTH + 10, y, { width });
  doc.x = MARGIN;
  doc.moveDown(0.3);
}

function section(doc: Doc, title: string): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
  doc.moveDown(0.6).font(BOLD).fontSize(13).text(title, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN });
  doc.moveDown(0.2);
}

function subheading(doc: Doc, title: string): void {
  doc.moveDown(0.2).font(BOLD).fontSize(10).text(title, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN });
}

function paragraph(doc: Doc, text: string): void {
  doc.font(FONT).fontSize(10).text(pdfText(text), MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN });
}

function bullet(doc: Doc, text: string): void {
  doc.font(FONT).fontSize(9).text(`-  ${pdfText(text)}`, MARGIN + 6, doc.y, { width: doc.page.width - 2 * MARGIN - 6 });
  doc.x = MARGIN;
}

function footers(doc: Doc, report: SeriousIncidentReport, sha256: string | null): void {
  drawPageFooters(doc, {
    margin: MARGIN,
    offset: 6,
    label: `Serious incident ${report.incident.id}${report.draft ? ' DRAFT' : ''}${sha256 ? ` · SHA-256 ${sha256}` : ''}`,
    pageNumberWidth: 80,
    more: report.draft ? () => drawDraftMark(doc, 100) : undefined,
  });
}
