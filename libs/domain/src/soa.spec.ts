import { diffSoaEntries, SoaEntry, soaEntryProblem } from './soa';

const entry = (ref: string, over: Partial<SoaEntry> = {}): SoaEntry => ({
  framework: 'iso42001',
  ref,
  applicable: true,
  justification: 'we build AI systems',
  implementationStatus: 'planned',
  ownerId: null,
  riskIds: [],
  evidenceNotes: null,
  ...over,
});

describe('Statement of Applicability entries', () => {
  it('needs a justification for an inclusion and for an exclusion', () => {
    expect(soaEntryProblem({ applicable: true, justification: ' ', implementationStatus: 'planned' })).toEqual({ field: 'justification', reason: expect.stringMatching(/including/) });
    expect(soaEntryProblem({ applicable: false, implementationStatus: 'not_started' })).toEqual({ field: 'justification', reason: expect.stringMatching(/excluding/) });
    expect(soaEntryProblem({ applicable: false, justification: 'no third parties', implementationStatus: 'not_started' })).toBeNull();
  });

  it('names the field of a bad status, a non-boolean applicability, a bad risk id', () => {
    expect(soaEntryProblem({ applicable: true, justification: 'x', implementationStatus: 'done' })?.field).toBe('implementationStatus');
    expect(soaEntryProblem({ applicable: false, justification: 'x', implementationStatus: 'implemented' })?.field).toBe('implementationStatus');
    expect(soaEntryProblem({ applicable: 'yes', justification: 'x', implementationStatus: 'planned' })?.field).toBe('applicable');
    expect(soaEntryProblem({ applicable: true, justification: 'x', implementationStatus: 'planned', riskIds: ['R-1', ''] })?.field).toBe('riskIds[1]');
  });

  it('diffs two versions: added, removed, and changed field by field', () => {
    const a = [entry('A.2.2'), entry('A.2.3'), entry('A.5.2', { framework: 'iso27001' })];
    const b = [entry('A.2.2', { implementationStatus: 'implemented', riskIds: ['R-7'] }), entry('A.5.2', { framework: 'iso27001' }), entry('A.5.2')];
    const diff = diffSoaEntries(a, b);
    expect(diff.added.map((e) => [e.framework, e.ref])).toEqual([['iso42001', 'A.5.2']]);
    expect(diff.removed.map((e) => e.ref)).toEqual(['A.2.3']);
    expect(diff.changed).toEqual([
      {
        framework: 'iso42001',
        ref: 'A.2.2',
        changes: [
          { field: 'implementationStatus', from: 'planned', to: 'implemented' },
          { field: 'riskIds', from: [], to: ['R-7'] },
        ],
      },
    ]);
  });
});
