import { pdfText } from '../soa/export/soa-export-pdf.util';

type Doc = PDFKit.PDFDocument;

/** What every page of a generated PDF carries at its foot. */
export interface PageFooter {
  /** the page's side margin; the footer sits `offset` points below the top of a bottom margin of the same size */
  margin: number;
  offset: number;
  /** what the document is (left), shortened with an ellipsis where `ellipsis` */
  label: string;
  ellipsis?: boolean;
  /** the room for "Page n of N" (right) */
  pageNumberWidth: number;
  /** written on each page after the two texts: a hash line, a DRAFT mark */
  more?: (doc: Doc, y: number, width: number) => void;
}

/**
 * Writes the footer of every buffered page, once the pages exist (so "of N" is known). Text in
 * the bottom margin would start a new page, so the margin is lifted while the footer is written.
 */
export function drawPageFooters(doc: Doc, footer: PageFooter): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - footer.margin + footer.offset;
    const width = doc.page.width - 2 * footer.margin;
    doc.font('Helvetica').fontSize(7).fillColor('#555555');
    doc.text(pdfText(footer.label), footer.margin, y, { width: width - footer.pageNumberWidth, lineBreak: false, ...(footer.ellipsis ? { ellipsis: true } : {}) });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, footer.margin + width - footer.pageNumberWidth, y, { width: footer.pageNumberWidth, align: 'right', lineBreak: false });
    footer.more?.(doc, y, width);
    doc.fillColor('black').fillOpacity(1);
    doc.page.margins.bottom = bottomMargin;
  }
}

/** A faint diagonal DRAFT across the page, so that a draft printed or forwarded still says what it is. */
export function drawDraftMark(doc: Doc, size: number): void {
  doc.save().rotate(-30, { origin: [doc.page.width / 2, doc.page.height / 2] });
  doc.font('Helvetica-Bold').fontSize(size).fillColor('#b00020').fillOpacity(0.12).text('DRAFT', 0, doc.page.height / 2 - size / 2, { width: doc.page.width, align: 'center', lineBreak: false });
  doc.restore();
}
