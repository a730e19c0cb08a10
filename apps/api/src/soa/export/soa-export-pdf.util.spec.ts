import { pdfPages } from '../../../../../test/support/pdf-text';
import { buildSoaPdf, pdfText } from './soa-export-pdf.util';
import { soaExportFixture } from './soa-export.fixture';

describe('pdfText', () => {
  it('keeps what the standard fonts draw and shows the rest as ?', () => {
    expect(pdfText('Müller’s “AI” – €5\tok')).toBe('Müller’s “AI” – €5 ok');
    expect(pdfText('🤖 中文\r\nnext')).toBe('? ??\nnext');
  });
});

describe('buildSoaPdf', () => {
  it('has a title page with the version, approval, approvers and hash, then every control by Annex, with page numbers', async () => {
    const data = soaExportFixture();
    const bytes = await buildSoaPdf(data);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages[0]).toContain('Statement of Applicability');
    expect(pages[0]).toContain('Acme Health & Care');
    expect(pages[0]).toContain('Scope: Clinical decision-support AI');
    expect(pages[0]).toContain('2026-11-02 09:30:00 UTC');
    expect(pages[0]).toContain('Ann Approver <ann@example.test>');
    expect(pages[0]).toContain('ab'.repeat(32));
    const listing = pages.slice(1).join('\n');
    expect(listing.indexOf('ISO/IEC 42001 Annex A')).toBeLessThan(listing.indexOf('ISO/IEC 27001 Annex A'));
    for (const row of data.rows) expect(listing).toContain(row.ref);
    expect(listing).toContain('Policies for information security');
    expect(listing).toContain('excluded');
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages.length}`));
  });

  it('says DRAFT on every page of a draft', async () => {
    const pages = await pdfPages(await buildSoaPdf(soaExportFixture({ draft: true, status: 'draft', publishedAt: null, approvers: [], sha256: null })));
    for (const text of pages) expect(text).toContain('DRAFT');
  });

  it('flows a control taller than a page over pages without losing its text', async () => {
    const data = soaExportFixture();
    const long = Array.from({ length: 200 }, (_, i) => `sentence ${i} of a very long justification`).join('. ');
    data.rows[0] = { ...data.rows[0], justification: long, riskIds: Array.from({ length: 100 }, (_, i) => `RISK-${i}`) };
    const text = (await pdfPages(await buildSoaPdf(data))).join('\n');
    expect(text).toContain('sentence 199 of a very long justification');
    expect(text).toContain('RISK-99');
  });
});
