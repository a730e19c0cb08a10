import { buildAnnexIvDocument } from './annex-iv.document';
import { documentationFactsFixture } from './documentation-facts.fixture';
import { DOCUMENTATION_STATEMENT_KEYS, DOCUMENTATION_STATEMENTS } from './documentation-statements';
import { buildFriaDocument } from './fria.document';
import type { ComplianceDocument } from './documentation-document';

const missingOf = (doc: ComplianceDocument, id: string) => doc.sections.find((s) => s.id === id)!.missing;
const text = (doc: ComplianceDocument) => JSON.stringify(doc);

describe('Annex IV technical documentation', () => {
  it('follows Annex IV’s nine points and is complete when the engine holds everything', () => {
    const doc = buildAnnexIvDocument(documentationFactsFixture());
    expect(doc.sections.map((s) => s.reference)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `Annex IV point ${n}`));
    expect(doc.sections.filter((s) => !s.complete).map((s) => [s.id, s.missing])).toEqual([]);
    expect(doc).toMatchObject({ kind: 'annex_iv', complete: true, missingCount: 0, system: { riskTier: 'high', currentVersion: '1.0.0' } });
    // the deployment's model and dataset checksums, the plan's metric, the approver and the review's check are in it
    expect(text(doc)).toContain(`scorer 1.0.0 (sha256:${'a'.repeat(64)})`);
    expect(text(doc)).toContain(`sha256:${'b'.repeat(64)}`);
    expect(text(doc)).toContain('at least 0.85 ratio');
    expect(text(doc)).toContain('Greta Governance <greta@example.test>');
    expect(text(doc)).toContain('Latest review against plan version 2');
  });

  it('lists precisely what a new high-risk system still lacks, and who supplies it', () => {
    const doc = buildAnnexIvDocument(documentationFactsFixture({ bare: true }));
    expect(doc.complete).toBe(false);
    expect(doc.sections.filter((s) => s.complete).map((s) => s.id)).toEqual([]);
    expect(missingOf(doc, 'annex_iv.1').map((m) => m.what)).toEqual([
      'No version has been deployed yet: the version in service and its deployment record',
      `${DOCUMENTATION_STATEMENTS['annex_iv.interactions'].title}: ${DOCUMENTATION_STATEMENTS['annex_iv.interactions'].prompt}`,
      `${DOCUMENTATION_STATEMENTS['annex_iv.instructions_for_use'].title}: ${DOCUMENTATION_STATEMENTS['annex_iv.instructions_for_use'].prompt}`,
    ]);
    const plan = missingOf(doc, 'annex_iv.9');
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ suppliedBy: expect.stringContaining('Olga Owner <olga@example.test>'), how: expect.stringContaining('/monitoring-plan') });
    expect(missingOf(doc, 'annex_iv.4')).toEqual(plan);
    expect(missingOf(doc, 'annex_iv.5')).toEqual([expect.objectContaining({ what: expect.stringContaining('1 risk of this system is still unrated draft') })]);
    expect(missingOf(doc, 'annex_iv.6')).toEqual([expect.objectContaining({ suppliedBy: 'the approvers the governance policy names for the risk tier' })]);
    // every statement of the Annex IV is asked for, by key
    const asked = doc.sections.flatMap((s) => s.missing.map((m) => m.statementKey)).filter(Boolean);
    expect(asked).toEqual(DOCUMENTATION_STATEMENT_KEYS.filter((k) => k.startsWith('annex_iv.')));
    expect(doc.missingCount).toBe(doc.sections.reduce((n, s) => n + s.missing.length, 0));
  });

  it('asks for the model and datasets of a version deployed without them', () => {
    const facts = documentationFactsFixture();
    facts.deployments = [{ ...facts.deployments[0]!, model: null, datasets: [] }];
    expect(missingOf(buildAnnexIvDocument(facts), 'annex_iv.2').map((m) => m.what)).toEqual([
      'The model of version 1.0.0: name, version and checksum',
      'The datasets of version 1.0.0: name, version and checksum of each',
    ]);
  });

  it('does not count controls needing evidence as missing content, but says how many there are', () => {
    const facts = documentationFactsFixture();
    facts.controls.items.push({ framework: 'iso27001', ref: 'A.8.16', title: 'Monitoring activities', status: 'no_evidence', evidenceCount: 0, latestEvidenceAt: null, reason: 'no evidence recorded' });
    const standards = buildAnnexIvDocument(facts).sections.find((s) => s.id === 'annex_iv.7')!;
    expect(standards.complete).toBe(true);
    expect(JSON.stringify(standards.blocks)).toContain('1 (see the system’s Controls tab)');
  });
});

describe('Art. 27 fundamental rights impact assessment', () => {
  it('follows Art. 27(1)(a) to (f) and is complete when everything is held', () => {
    const doc = buildFriaDocument(documentationFactsFixture());
    expect(doc.sections.map((s) => s.reference)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `Art. 27(1)(${l})`));
    expect(doc.sections.filter((s) => !s.complete).map((s) => [s.id, s.missing])).toEqual([]);
    expect(doc.notes.join(' ')).toContain('Annex III area answered in the impact assessment: Essential private and public services');
    expect(text(doc)).toContain('critical: suspend');
  });

  it('names the statements, the plan and the rated risks a new system lacks', () => {
    const doc = buildFriaDocument(documentationFactsFixture({ bare: true }));
    expect(doc.sections.map((s) => [s.id, s.missing.map((m) => m.statementKey ?? m.what.slice(0, 40))])).toEqual([
      ['fria.a', []],
      ['fria.b', ['fria.use_period_frequency']],
      ['fria.c', []],
      ['fria.d', ['1 risk of this system is still unrated d']],
      ['fria.e', ['fria.oversight_implementation']],
      ['fria.f', ['The post-market monitoring plan: the met', 'fria.complaints_governance']],
    ]);
  });

  it('asks for the impact assessment when there is none', () => {
    const facts = documentationFactsFixture();
    facts.assessment = null;
    const doc = buildFriaDocument(facts);
    for (const id of ['fria.c', 'fria.e']) expect(missingOf(doc, id)[0]!.what).toMatch(/^The impact assessment: /);
  });
});
