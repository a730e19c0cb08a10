import PDFDocument from 'pdfkit';
import { SOA_FRAMEWORKS } from '@aigov/domain/soa';
import { applicabilityLabel, IMPLEMENTATION_STATUS_LABELS, personLabel, SOA_FRAMEWORK_LABELS, SoaExportData, SoaExportRow } from './soa-export.model';
import { drawDraftMark, drawPageFooters } from '../../common/pdf-page-footers';

type Doc = PDFKit.PDFDocument;

/** The characters the standard PDF fonts can show (WinAnsiEncoding) besides Latin-1. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text the built-in Helvetica can draw: tabs become spaces and a character outside
 * WinAnsiEncoding becomes `?`, visibly, instead of a wrong glyph. The CSV, XLSX and OSCAL
 * exports keep every character.
 */
export function pdfText(text: string): string {
  let out = '';
  for (const ch of text.replace(/\t/g, ' ').replace(/\r\n?/g, '\n')) {
    const code = ch.codePointAt(0)!;
    out += ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch) ? ch : '?';
  }
  return out;
}

const MARGIN = 40;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MONO = 'Courier';
const CELL_PAD = 3;
const SIZE = 8;

/** The listing's columns (widths in points on landscape A4; the last takes what is left). */
const COLUMNS: Array<{ header: string; width: number; cell: (r: SoaExportRow) => string }> = [
  { header: 'Ref', width: 46, cell: (r) => r.ref },
  { header: 'Control (our title)', width: 130, cell: (r) => r.title },
  { header: 'Applicability', width: 58, cell: (r) => applicabilityLabel(r) },
  { header: 'Implementation', width: 66, cell: (r) => (r.implementationStatus ? IMPLEMENTATION_STATUS_LABELS[r.implementationStatus] : '') },
  { header: 'Owner', width: 100, cell: (r) => personLabel(r.owner) },
  { header: 'Risks treated', width: 66, cell: (r) => r.riskIds.join('; ') },
  { header: 'Justification and evidence', width: 0, cell: (r) => [r.justification ?? '', r.evidenceNotes ? `Evidence: ${r.evidenceNotes}` : ''].filter(Boolean).join('\n') },
];

/**
 * The Statement of Applicability as a PDF (landscape A4, the standard fonts): a title page with
 * the scope, version, approval date, approvers and the frozen document's SHA-256, then the
 * controls grouped by Annex in a table whose header repeats on every page, and on every page a
 * footer with the version, the hash and the page number (a draft says DRAFT on every page).
 */
export function buildSoaPdf(data: SoaExportData): Promise<Buffer> {
  const when = new Date(data.lastModified);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: `Statement of Applicability version ${data.version}${data.draft ? ' (DRAFT)' : ''}`,
      Author: 'AI Governance Engine',
      Subject: 'ISO/IEC 42001 and ISO/IEC 27001 Statement of Applicability',
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
  titlePage(doc, data);
  for (const framework of SOA_FRAMEWORKS) listing(doc, data, framework);
  footers(doc, data);
  doc.end();
  return done;
}

function titlePage(doc: Doc, data: SoaExportData): void {
  const width = doc.page.width - 2 * MARGIN;
  doc.font(BOLD).fontSize(26).text('Statement of Applicability', MARGIN, 90, { width });
  doc.font(BOLD).fontSize(15).text(data.organisation.name, { width });
  doc.font(FONT).fontSize(13).text(data.catalogs.map((c) => `${c.title.replace(/ controls$/, '')} (${c.edition})`).join(' and '), { width });
  doc.moveDown(0.8);
  doc.fontSize(11).text(`Scope: ${data.organisation.scope}`, { width });
  doc.moveDown(0.4).text(
    'For every Annex A control: whether it applies or is excluded and why, how far it is implemented, who owns it, the risks it treats and where its evidence is.',
    { width },
  );
  if (data.draft) {
    doc.moveDown(0.8).font(BOLD).fontSize(18).fillColor('#b00020').text(`DRAFT of version ${data.version}: not approved, not frozen, no hash`, { width }).fillColor('black');
  }
  doc.moveDown(1.2);
  const counts = SOA_FRAMEWORKS.map((f) => {
    const rows = data.rows.filter((r) => r.framework === f);
    const n = (label: string) => rows.filter((r) => applicabilityLabel(r) === label).length;
    const undecided = n('undecided');
    return `${SOA_FRAMEWORK_LABELS[f]}: ${rows.length} controls, ${n('applicable')} applicable, ${n('excluded')} excluded${undecided ? `, ${undecided} undecided` : ''}`;
  });
  const facts: Array<[string, string]> = [
    ['Version', `${data.version}${data.draft ? ' (DRAFT)' : ''}`],
    ['Status', data.draft ? 'draft' : data.status],
    ['Approved (published)', data.publishedAt ? data.publishedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : 'not yet'],
    ['Approvers', data.approvers.length ? data.approvers.map(personLabel).join('\n') : data.draft ? 'none yet' : 'not recorded'],
    ['Last modified', data.lastModified.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')],
    ['Catalogs', data.catalogs.map((c) => `${c.framework}: edition ${c.edition}, catalog revision ${c.revision}`).join('\n')],
    ['Controls', counts.join('\n')],
  ];
  for (const [label, value] of facts) labelled(doc, label, value, FONT);
  labelled(doc, 'SHA-256', data.sha256 ?? 'none (a draft is hashed when it is published)', data.sha256 ? MONO : FONT);
  if (data.sha256) {
    doc.moveDown(0.6).font(FONT).fontSize(9).fillColor('#444444').text(
      `The SHA-256 is over the canonical JSON (keys sorted, no whitespace) of the frozen document of version ${data.version}, as GET /api/v1/soa/versions/${data.version} returns it; recompute it to tie this file to that version.`,
      MARGIN,
      doc.y,
      { width },
    );
    doc.fillColor('black');
  }
}

function labelled(doc: Doc, label: string, value: string, font: string): void {
  const y = doc.y;
  doc.font(BOLD).fontSize(11).text(label, MARGIN, y, { width: 150 });
  doc.font(font).fontSize(11).text(pdfText(value), MARGIN + 160, y, { width: doc.page.width - 2 * MARGIN - 160 });
  doc.moveDown(0.4);
}

function columnWidths(doc: Doc): number[] {
  const fixed = COLUMNS.reduce((sum, c) => sum + c.width, 0);
  return COLUMNS.map((c) => c.width || doc.page.width - 2 * MARGIN - fixed);
}

function listing(doc: Doc, data: SoaExportData, framework: (typeof SOA_FRAMEWORKS)[number]): void {
  const catalog = data.catalogs.find((c) => c.framework === framework);
  const heading = `${SOA_FRAMEWORK_LABELS[framework]}${catalog ? ` (edition ${catalog.edition})` : ''}`;
  doc.addPage();
  doc.font(BOLD).fontSize(14).text(heading, MARGIN, MARGIN);
  doc.moveDown(0.4);
  header(doc);
  const widths = columnWidths(doc);
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  for (const row of data.rows.filter((r) => r.framework === framework)) {
    const cells = COLUMNS.map((c) => pdfText(c.cell(row)));
    doc.font(FONT).fontSize(SIZE);
    const height = Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: widths[i] - 2 * CELL_PAD }))) + 2 * CELL_PAD;
    const usable = bottom() - MARGIN - 20;
    if (height > usable) {
      longRow(doc, row, cells);
      continue;
    }
    if (doc.y + height > bottom()) {
      doc.addPage();
      doc.font(BOLD).fontSize(9).text(`${heading} (continued)`, MARGIN, MARGIN);
      header(doc);
    }
    const y = doc.y;
    let x = MARGIN;
    doc.font(FONT).fontSize(SIZE);
    cells.forEach((text, i) => {
      doc.font(i === 0 ? BOLD : FONT).text(text, x + CELL_PAD, y + CELL_PAD, { width: widths[i] - 2 * CELL_PAD });
      x += widths[i];
    });
    doc.moveTo(MARGIN, y + height).lineTo(doc.page.width - MARGIN, y + height).lineWidth(0.3).strokeColor('#999999').stroke();
    doc.x = MARGIN;
    doc.y = y + height;
  }
}

function header(doc: Doc): void {
  const widths = columnWidths(doc);
  const y = doc.y;
  const height = 16;
  doc.rect(MARGIN, y, doc.page.width - 2 * MARGIN, height).fill('#dde5f0').fillColor('black');
  let x = MARGIN;
  doc.font(BOLD).fontSize(SIZE);
  COLUMNS.forEach((c, i) => {
    doc.text(c.header, x + CELL_PAD, y + 4, { width: widths[i] - 2 * CELL_PAD, lineBreak: false });
    x += widths[i];
  });
  doc.x = MARGIN;
  doc.y = y + height;
}

/** A control whose text is taller than a page: its fields one under the other, flowing over pages. */
function longRow(doc: Doc, row: SoaExportRow, cells: string[]): void {
  const width = doc.page.width - 2 * MARGIN;
  if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
  doc.font(BOLD).fontSize(SIZE).text(`${cells[0]}  ${cells[1]}`, MARGIN, doc.y + CELL_PAD, { width });
  COLUMNS.slice(2).forEach((c, i) => {
    if (cells[i + 2]) doc.font(BOLD).text(`${c.header}: `, { width, continued: true }).font(FONT).text(cells[i + 2], { width });
  });
  doc.moveDown(0.3);
  doc.moveTo(MARGIN, doc.y).lineTo(doc.page.width - MARGIN, doc.y).lineWidth(0.3).strokeColor('#999999').stroke();
  doc.x = MARGIN;
}

function footers(doc: Doc, data: SoaExportData): void {
  drawPageFooters(doc, {
    margin: MARGIN,
    offset: 6,
    label: `Statement of Applicability version ${data.version}${data.draft ? ' DRAFT' : ''}${data.sha256 ? ` · SHA-256 ${data.sha256}` : ''}`,
    pageNumberWidth: 90,
    more: data.draft ? () => drawDraftMark(doc, 110) : undefined,
  });
}
