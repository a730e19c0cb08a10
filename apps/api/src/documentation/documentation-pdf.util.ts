import PDFDocument from 'pdfkit';
import type { ComplianceDocument, DocumentBlock, DocumentSection } from '@aigov/domain/documentation/documentation-document';
import { pdfText } from '../soa/export/soa-export-pdf.util';
import { drawPageFooters } from '../common/pdf-page-footers';

type Doc = PDFKit.PDFDocument;

const MARGIN = 48;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MONO = 'Courier';
const SIZE = 9;
const CELL_PAD = 3;
const LABEL_WIDTH = 150;
const GREY = '#444444';
const RED = '#b00020';
const GREEN = '#1b5e20';

const utc = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');

/**
 * A compiled document (Annex IV technical documentation or the fundamental rights impact
 * assessment) as a PDF in the style of the Statement of Applicability export: portrait A4, the
 * standard fonts; a title page with the system, the completeness and the content hash; a table
 * of the sections and their status; then each section with what is still missing (who supplies
 * it and how) before what the engine holds. Every page carries the document, the system, the
 * compilation time, the content SHA-256 and its page number.
 */
export function buildDocumentationPdf(doc: ComplianceDocument, contentSha256: string): Promise<Buffer> {
  const when = new Date(doc.compiledAt);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 22, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: pdfText(`${doc.title}: ${doc.system.name}`), Author: 'AI Governance Engine', Subject: doc.basis, CreationDate: when, ModDate: when },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  titlePage(pdf, doc, contentSha256);
  contents(pdf, doc);
  for (const s of doc.sections) sectionPages(pdf, s);
  footers(pdf, doc, contentSha256);
  pdf.end();
  return done;
}

const width = (pdf: Doc) => pdf.page.width - 2 * MARGIN;
const bottom = (pdf: Doc) => pdf.page.height - pdf.page.margins.bottom;

function ensureRoom(pdf: Doc, height: number): void {
  if (pdf.y + height > bottom(pdf)) pdf.addPage();
}

function labelled(pdf: Doc, label: string, value: string, font = FONT, size = 10): void {
  pdf.font(FONT).fontSize(size);
  const valueWidth = width(pdf) - LABEL_WIDTH - 10;
  const height = Math.max(pdf.heightOfString(pdfText(value), { width: valueWidth }), pdf.font(BOLD).heightOfString(pdfText(label), { width: LABEL_WIDTH }));
  ensureRoom(pdf, Math.min(height, 200));
  const y = pdf.y;
  const page = pdf.page;
  pdf.font(BOLD).fontSize(size).text(pdfText(label), MARGIN, y, { width: LABEL_WIDTH });
  const afterLabel = pdf.y;
  pdf.font(font).fontSize(size).text(pdfText(value), MARGIN + LABEL_WIDTH + 10, y, { width: valueWidth });
  pdf.x = MARGIN;
  // a long value may have flowed onto the next page, where the label's end means nothing
  pdf.y = (pdf.page === page ? Math.max(pdf.y, afterLabel) : pdf.y) + 3;
}

function titlePage(pdf: Doc, doc: ComplianceDocument, contentSha256: string): void {
  const w = width(pdf);
  pdf.font(BOLD).fontSize(24).text(pdfText(doc.title), MARGIN, 90, { width: w });
  pdf.font(BOLD).fontSize(15).text(pdfText(doc.system.name), { width: w });
  pdf.font(FONT).fontSize(11).fillColor(GREY).text(pdfText(`${doc.basis} · ${doc.organisation}`), { width: w }).fillColor('black');
  pdf.moveDown(1);
  const missingSections = doc.sections.filter((s) => !s.complete).length;
  pdf
    .font(BOLD)
    .fontSize(13)
    .fillColor(doc.complete ? GREEN : RED)
    .text(
      doc.complete
        ? 'Complete: every section holds what it asks for.'
        : `Incomplete: ${doc.missingCount} item${doc.missingCount === 1 ? '' : 's'} missing in ${missingSections} of ${doc.sections.length} sections.`,
      { width: w },
    )
    .fillColor('black');
  pdf.moveDown(0.8);
  const facts: Array<[string, string]> = [
    ['System', `${doc.system.name} (${doc.system.id})`],
    ['Risk tier', doc.system.riskTier ?? 'not assessed'],
    ['Lifecycle stage', doc.system.stage.replace(/_/g, ' ')],
    ['Version in service', doc.system.currentVersion ?? 'none'],
    ['Accountable owner', `${doc.system.owner.name} <${doc.system.owner.email}>`],
    ['Compiled', utc(doc.compiledAt)],
  ];
  for (const [label, value] of facts) labelled(pdf, label, value, FONT, 11);
  labelled(pdf, 'Content SHA-256', contentSha256, MONO, 8);
  pdf.moveDown(0.4).font(FONT).fontSize(8.5).fillColor(GREY);
  pdf.text(
    'The SHA-256 is over the canonical JSON (keys sorted, no whitespace) of this document as the JSON download gives it, without its contentSha256 field; recompute it to tie this file to that download and to the audit trail’s record of the export.',
    MARGIN,
    pdf.y,
    { width: w },
  );
  pdf.fillColor('black').moveDown(1);
  pdf.font(BOLD).fontSize(11).text('Read first', { width: w });
  pdf.font(FONT).fontSize(9);
  for (const note of doc.notes) pdf.text(pdfText(`• ${note}`), { width: w, paragraphGap: 3 });
}

function contents(pdf: Doc, doc: ComplianceDocument): void {
  pdf.addPage();
  pdf.font(BOLD).fontSize(15).text('Sections and what is missing', MARGIN, MARGIN, { width: width(pdf) });
  pdf.moveDown(0.5);
  table(pdf, {
    kind: 'table',
    label: '',
    columns: ['Reference', 'Section', 'Status'],
    rows: doc.sections.map((s) => [s.reference, s.heading, s.complete ? 'complete' : `${s.missing.length} missing`]),
    empty: '',
  });
}

function sectionPages(pdf: Doc, s: DocumentSection): void {
  const w = width(pdf);
  if (pdf.y > pdf.page.height / 2) pdf.addPage();
  else pdf.moveDown(1.2);
  pdf.font(BOLD).fontSize(14).text(pdfText(`${s.reference}: ${s.heading}`), MARGIN, pdf.y, { width: w });
  pdf.font(FONT).fontSize(9).fillColor(GREY).text(pdfText(s.covers), { width: w }).fillColor('black');
  pdf.moveDown(0.4);
  if (s.complete) {
    pdf.font(BOLD).fontSize(10).fillColor(GREEN).text('Complete', { width: w }).fillColor('black');
  } else {
    pdf.font(BOLD).fontSize(10).fillColor(RED).text(`Still missing (${s.missing.length})`, { width: w }).fillColor('black');
    for (const m of s.missing) {
      ensureRoom(pdf, 40);
      pdf.font(BOLD).fontSize(SIZE).text(pdfText(`• ${m.what}`), MARGIN, pdf.y, { width: w });
      pdf.font(FONT).fontSize(SIZE).text(pdfText(`Who can supply it: ${m.suppliedBy}`), MARGIN + 10, pdf.y, { width: w - 10 });
      pdf.text(pdfText(`How: ${m.how}`), MARGIN + 10, pdf.y, { width: w - 10, paragraphGap: 4 });
    }
  }
  pdf.moveDown(0.5);
  for (const block of s.blocks) blockOut(pdf, block);
}

function blockOut(pdf: Doc, block: DocumentBlock): void {
  const w = width(pdf);
  if (block.kind === 'fields') {
    for (const f of block.fields) labelled(pdf, f.label, f.value, FONT, SIZE);
  } else if (block.kind === 'list') {
    ensureRoom(pdf, 30);
    pdf.font(BOLD).fontSize(SIZE).text(pdfText(block.label), MARGIN, pdf.y, { width: w });
    pdf.font(FONT).fontSize(SIZE);
    if (!block.items.length) pdf.fillColor(GREY).text(pdfText(block.empty), { width: w }).fillColor('black');
    for (const item of block.items) pdf.text(pdfText(`• ${item}`), MARGIN + 8, pdf.y, { width: w - 8 });
  } else if (block.kind === 'text') {
    ensureRoom(pdf, 40);
    pdf.font(BOLD).fontSize(SIZE).text(pdfText(block.label), MARGIN, pdf.y, { width: w });
    pdf.font(FONT).fontSize(SIZE).text(pdfText(block.text), { width: w });
  } else {
    table(pdf, block);
  }
  pdf.x = MARGIN;
  pdf.moveDown(0.6);
}

/** Column widths in proportion to each column's longest text (bounded), filling the width. */
function columnWidths(pdf: Doc, columns: string[], rows: string[][]): number[] {
  const weights = columns.map((c, i) => Math.min(Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length), 6), 48));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((x) => (x / total) * width(pdf));
}

function table(pdf: Doc, block: Extract<DocumentBlock, { kind: 'table' }>): void {
  const w = width(pdf);
  if (block.label) {
    ensureRoom(pdf, 40);
    pdf.font(BOLD).fontSize(SIZE).text(pdfText(block.label), MARGIN, pdf.y, { width: w });
  }
  if (!block.rows.length) {
    pdf.font(FONT).fontSize(SIZE).fillColor(GREY).text(pdfText(block.empty), MARGIN, pdf.y, { width: w }).fillColor('black');
    return;
  }
  const widths = columnWidths(pdf, block.columns, block.rows);
  const header = () => {
    pdf.font(BOLD).fontSize(8);
    const height = Math.max(...block.columns.map((c, i) => pdf.heightOfString(pdfText(c), { width: widths[i]! - 2 * CELL_PAD }))) + 2 * CELL_PAD;
    ensureRoom(pdf, height + 14);
    const y = pdf.y;
    pdf.rect(MARGIN, y, w, height).fill('#dde5f0').fillColor('black');
    let x = MARGIN;
    block.columns.forEach((c, i) => {
      pdf.font(BOLD).fontSize(8).text(pdfText(c), x + CELL_PAD, y + CELL_PAD, { width: widths[i]! - 2 * CELL_PAD });
      x += widths[i]!;
    });
    pdf.x = MARGIN;
    pdf.y = y + height;
  };
  header();
  for (const row of block.rows) {
    const cells = block.columns.map((_, i) => pdfText(row[i] ?? ''));
    pdf.font(FONT).fontSize(8);
    const height = Math.max(...cells.map((text, i) => pdf.heightOfString(text, { width: widths[i]! - 2 * CELL_PAD }))) + 2 * CELL_PAD;
    if (height > bottom(pdf) - MARGIN - 40) {
      // taller than a page: the row's cells one under the other, flowing over pages
      ensureRoom(pdf, 40);
      block.columns.forEach((c, i) => {
        if (cells[i]) pdf.font(BOLD).fontSize(8).text(`${pdfText(c)}: `, MARGIN, pdf.y, { width: w, continued: true }).font(FONT).text(cells[i]!, { width: w });
      });
      pdf.moveTo(MARGIN, pdf.y).lineTo(MARGIN + w, pdf.y).lineWidth(0.3).strokeColor('#999999').stroke();
      continue;
    }
    if (pdf.y + height > bottom(pdf)) {
      pdf.addPage();
      header();
    }
    const y = pdf.y;
    let x = MARGIN;
    cells.forEach((text, i) => {
      pdf.font(FONT).fontSize(8).text(text, x + CELL_PAD, y + CELL_PAD, { width: widths[i]! - 2 * CELL_PAD });
      x += widths[i]!;
    });
    pdf.moveTo(MARGIN, y + height).lineTo(MARGIN + w, y + height).lineWidth(0.3).strokeColor('#999999').stroke();
    pdf.x = MARGIN;
    pdf.y = y + height;
  }
}

function footers(pdf: Doc, doc: ComplianceDocument, contentSha256: string): void {
  drawPageFooters(pdf, {
    margin: MARGIN,
    offset: 4,
    label: `${doc.title} · ${doc.system.name} · compiled ${utc(doc.compiledAt)}${doc.complete ? '' : ' · INCOMPLETE'}`,
    ellipsis: true,
    pageNumberWidth: 80,
    more: (_, y, w) => pdf.font(MONO).fontSize(6.5).text(`content SHA-256 ${contentSha256}`, MARGIN, y + 10, { width: w, lineBreak: false }),
  });
}
