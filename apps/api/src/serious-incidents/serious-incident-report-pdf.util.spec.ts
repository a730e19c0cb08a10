import type { SeriousIncidentReport } from '@aigov/persistence/serious-incident-report';
import { pdfPages } from '../../../../test/support/pdf-text';
import { buildSeriousIncidentReportPdf } from './serious-incident-report-pdf.util';

function report(overrides: Partial<SeriousIncidentReport> = {}): SeriousIncidentReport {
  const person = { id: '00000000-0000-4000-8000-000000000001', name: 'Olga Owner', email: 'olga@example.test' };
  return {
    kind: 'serious_incident_report',
    legalBasis: 'EU AI Act (Regulation (EU) 2024/1689) Art. 73',
    draft: true,
    compiledAt: '2026-11-23T10:00:00.000Z',
    organisation: { name: 'Acme Health & Care' },
    incident: {
      id: '00000000-0000-4000-8000-0000000000aa',
      category: 'death',
      categoryLabel: 'Death of a person may be involved',
      deadlineBasis: 'EU AI Act Art. 73: where a person may have died, the report is due at once and no later than 10 days after becoming aware of the incident.',
      summary: 'A wrong triage score delayed treatment; the patient may have died.',
      awareAt: '2026-11-23T08:00:00.000Z',
      deadlineAt: '2026-12-03T08:00:00.000Z',
      declaredAt: '2026-11-23T09:00:00.000Z',
      declaredBy: person,
      status: 'open',
      remindersSent: 0,
      escalatedAt: null,
      deadlineMissedAt: null,
    },
    submission: null,
    system: {
      id: '00000000-0000-4000-8000-0000000000bb',
      name: 'Emergency triage',
      purpose: 'Rank incoming patients by urgency',
      intendedUse: 'Decision support for triage nurses',
      businessUnit: 'Emergency',
      riskTier: 'high',
      stage: 'rollback',
      accountableOwner: person,
      modelType: 'gradient boosted trees',
      vendor: 'in house',
      deploymentContext: 'hospital',
      affectedStakeholders: ['patients'],
      autonomyLevel: 'human_in_the_loop',
      versionInOperation: '1.4.2',
      model: { name: 'triage-net', version: '3.1', checksum: `sha256:${'c'.repeat(64)}` },
      datasets: [{ name: 'admissions', version: '2026-10', checksum: `sha256:${'d'.repeat(64)}` }],
      currentVersion: null,
    },
    events: [
      {
        id: 'e1',
        marked: true,
        kind: 'incident',
        severity: 'critical',
        metric: null,
        observedValue: null,
        threshold: null,
        source: 'ward-3',
        description: 'patient harmed',
        occurredAt: '2026-11-23T07:55:00.000Z',
        receivedAt: '2026-11-23T07:55:00.000Z',
      },
    ],
    actionsTaken: {
      stageChanges: [{ at: '2026-11-23T07:55:00.000Z', action: 'rollback', from: 'operation', to: 'rollback', reason: 'automatic suspension after a critical incident event', by: null }],
      deployments: [],
      pdcaItems: [
        { id: 'p1', kind: 'nonconformity', title: 'Incident review: critical incident event', phase: 'plan', incidentReview: true, openedAt: '2026-11-23T07:55:00.000Z', dueAt: '2026-12-07T07:55:00.000Z', closedAt: null },
      ],
      tasks: [],
    },
    timeline: [
      { at: '2026-11-23T07:55:00.000Z', what: 'critical incident event: patient harmed', by: 'ward-3' },
      { at: '2026-11-23T08:00:00.000Z', what: 'The organisation became aware of the incident', by: null },
    ],
    ...overrides,
  };
}

describe('buildSeriousIncidentReportPdf', () => {
  it('puts the facts the authority asks first on page one, then the events, the actions taken and the timeline, with page numbers; a draft says DRAFT', async () => {
    const bytes = await buildSeriousIncidentReportPdf(report(), null);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(bytes);
    const all = pages.join('\n');
    expect(pages[0]).toContain('Serious incident report');
    expect(pages[0]).toContain('Acme Health & Care');
    expect(pages[0]).toContain('DRAFT: not yet submitted');
    for (const text of ['Emergency triage', '1.4.2', 'triage-net 3.1', 'Death of a person may be involved', '2026-11-23 08:00 UTC', '2026-12-03 08:00 UTC', 'not yet submitted']) {
      expect(all).toContain(text);
    }
    expect(all).toContain('patient harmed');
    expect(all).toContain('operation -> rollback (Rollback)');
    expect(all).toContain('(incident review)');
    expect(all).toContain('Deployments');
    expect(all).toContain('none recorded');
    pages.forEach((text, i) => {
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(text).toContain('DRAFT');
    });
  });

  it('once submitted: the submission, late or not, and the SHA-256 on every page, no DRAFT', async () => {
    const sha = 'ab'.repeat(32);
    const submitted = report({
      draft: false,
      submission: { submittedAt: '2026-12-04T09:00:00.000Z', recordedAt: '2026-12-04T09:05:00.000Z', submittedBy: null, authority: 'Bundesnetzagentur', reference: 'MSA-1', note: null, late: true },
    });
    const pages = await pdfPages(await buildSeriousIncidentReportPdf(submitted, sha));
    const all = pages.join('\n');
    expect(all).toContain('Bundesnetzagentur, reference MSA-1');
    expect(all).toContain('LATE: submitted after the deadline');
    expect(all).not.toContain('DRAFT');
    for (const text of pages) expect(text).toContain(sha.slice(0, 40));
  });
});
