import { buildAnnexIvDocument } from '@aigov/domain/documentation/annex-iv.document';
import { documentationFactsFixture } from '@aigov/domain/documentation/documentation-facts.fixture';
import { buildFriaDocument } from '@aigov/domain/documentation/fria.document';
import { pdfPages } from '../../../../test/support/pdf-text';
import { buildDocumentationPdf } from './documentation-pdf.util';

const HASH = 'cd'.repeat(32);

describe('buildDocumentationPdf', () => {
  it('has a title page with the system, the completeness and the content hash, then every Annex IV point, with page numbers', async () => {
    const doc = buildAnnexIvDocument(documentationFactsFixture());
    const bytes = await buildDocumentationPdf(doc, HASH);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(bytes);
    expect(pages[0]).toContain('Technical documentation');
    expect(pages[0]).toContain('Credit line scorer');
    expect(pages[0]).toContain('Complete: every section holds what it asks for.');
    expect(pages[0]).toContain(HASH);
    expect(pages[0]).toContain('2026-11-30 10:00:00 UTC');
    const all = pages.join('\n').replace(/\s+/g, ' ');
    let at = -1;
    for (let n = 1; n <= 9; n++) {
      const next = all.indexOf(`Annex IV point ${n}:`);
      expect(next).toBeGreaterThan(at);
      at = next;
    }
    expect(all).toContain('Recall on repaid loans');
    expect(all.replace(/\s+/g, '')).toContain(`sha256:${'b'.repeat(64)}`);
    pages.forEach((text, i) => {
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(text).toContain(`content SHA-256 ${HASH}`);
    });
  });

  it('lists what is missing, who can supply it and how, and says INCOMPLETE on every page', async () => {
    const doc = buildFriaDocument(documentationFactsFixture({ bare: true }));
    const pages = await pdfPages(await buildDocumentationPdf(doc, HASH));
    expect(pages[0]).toMatch(/Incomplete: 5 items missing in 4 of 6 sections\./);
    // lines wrap where the page ends them: compare the words, and paths without any spacing
    const all = pages.join('\n').replace(/\s+/g, ' ');
    expect(all).toContain('Art. 27(1)(f): When a risk materialises');
    expect(all).toContain('Who can supply it: the accountable owner, Olga Owner <olga@example.test>, or the governance office');
    expect(all.replace(/\s+/g, '')).toContain('documentation/statements/fria.complaints_governance');
    for (const text of pages) expect(text).toContain('INCOMPLETE');
  });

  it('flows a statement longer than a page over pages without losing its text', async () => {
    const facts = documentationFactsFixture();
    facts.statements['annex_iv.development'] = {
      text: Array.from({ length: 400 }, (_, i) => `step ${i} of the development method`).join('. '),
      version: 3,
      updatedAt: '2026-11-20T08:00:00.000Z',
      updatedBy: 'olga@example.test',
    };
    facts.monitoringEvents.recent = Array.from({ length: 50 }, (_, i) => ({ ...facts.monitoringEvents.recent[0]!, id: `e${i}`, description: `event ${i}` }));
    const text = (await pdfPages(await buildDocumentationPdf(buildAnnexIvDocument(facts), HASH))).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('step 399 of the development method');
    expect(text).toContain('statement version 3');
  });
});
