import type { SoaExportData, SoaExportRow } from './soa-export.model';

/** A small export (two controls per Annex) for the builders' unit tests. */
export function soaExportFixture(overrides: Partial<SoaExportData> = {}): SoaExportData {
  const owner = { id: '7d3c2a52-3f0a-4c38-9d4b-2d51e2b6f0aa', name: 'Otto Owner', email: 'otto@example.test' };
  const rows: SoaExportRow[] = [
    { framework: 'iso42001', ref: 'A.2.2', title: 'AI policy', decided: true, applicable: true, justification: 'We develop AI, "in house", too', implementationStatus: 'implemented', owner, riskIds: ['R-1', 'R-2'], evidenceNotes: 'policy v2\non the intranet' },
    { framework: 'iso42001', ref: 'A.10.4', title: 'Customers', decided: true, applicable: false, justification: '=HYPERLINK("http://evil.test","x")', implementationStatus: 'not_started', owner: null, riskIds: [], evidenceNotes: null },
    { framework: 'iso27001', ref: 'A.5.1', title: 'Policies for information security', decided: true, applicable: true, justification: '+1 treats R-3', implementationStatus: 'partial', owner, riskIds: ['-R3'], evidenceNotes: '@SUM(A1)' },
    { framework: 'iso27001', ref: 'A.8.34', title: 'Protection during audit testing', decided: true, applicable: true, justification: 'audits happen', implementationStatus: 'planned', owner: null, riskIds: [], evidenceNotes: null },
  ];
  return {
    organisation: { name: 'Acme Health & Care', scope: 'Clinical decision-support AI and the information it processes, at Acme Health & Care' },
    versionId: '0b6f1c8e-5b8a-4f7e-9a43-6f0f8b1c2d3e',
    version: 3,
    draft: false,
    status: 'published',
    publishedAt: '2026-11-02T09:30:00.000Z',
    lastModified: '2026-11-02T09:30:00.000Z',
    approvers: [{ id: 'a1f1c8e0-5b8a-4f7e-9a43-6f0f8b1c2d3e', name: 'Ann Approver', email: 'ann@example.test', decidedAt: '2026-11-02T09:29:59.000Z' }],
    sha256: 'ab'.repeat(32),
    catalogs: [
      { framework: 'iso42001', title: 'ISO/IEC 42001 Annex A controls', edition: '2023', revision: 1 },
      { framework: 'iso27001', title: 'ISO/IEC 27001 Annex A controls', edition: '2022', revision: 1 },
    ],
    rows,
    ...overrides,
  };
}
