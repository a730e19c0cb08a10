import type { DocumentationFacts } from './documentation-document';
import { DOCUMENTATION_STATEMENT_KEYS, DocumentationStatementKey } from './documentation-statements';

const owner = { id: '11111111-1111-4111-8111-111111111111', name: 'Olga Owner', email: 'olga@example.test' };
const gov = { id: '22222222-2222-4222-8222-222222222222', name: 'Greta Governance', email: 'greta@example.test' };
const sha = (c: string) => `sha256:${c.repeat(64)}`;

/**
 * A high-risk credit-scoring system as the engine would hold it once it is documented in full:
 * deployed with its model and datasets, assessed, approved, monitored under a plan and reviewed.
 * `bare` leaves out everything a new registration does not have yet. For specs only.
 */
export function documentationFactsFixture(opts: { bare?: boolean; statements?: readonly DocumentationStatementKey[] } = {}): DocumentationFacts {
  const statementKeys = opts.statements ?? (opts.bare ? [] : DOCUMENTATION_STATEMENT_KEYS);
  const facts: DocumentationFacts = {
    organisation: 'Acme Lending',
    compiledAt: '2026-11-30T10:00:00.000Z',
    system: {
      id: '33333333-3333-4333-8333-333333333333',
      name: 'Credit line scorer',
      purpose: 'Score applications for consumer credit lines',
      intendedUse: 'Decision support for credit officers; every refusal is reviewed by a person',
      businessUnit: 'Retail lending',
      deploymentContext: 'internal scoring API behind the loan origination system',
      modelType: 'gradient boosted trees',
      vendorType: 'in_house',
      vendorName: null,
      autonomyLevel: 'human_in_the_loop',
      dataSources: ['application form', 'credit bureau'],
      dataCategories: ['income', 'repayment history'],
      personalData: true,
      specialCategoryData: false,
      affectedStakeholders: ['credit applicants'],
      stage: 'operation',
      riskTier: 'high',
      riskReasons: [{ code: 'annex3.essential_services', text: 'Used for creditworthiness (Annex III point 5(b))' }],
      currentVersion: '1.0.0',
      lastApprovedVersion: '1.0.0',
      registeredAt: '2026-10-01T09:00:00.000Z',
      owner,
    },
    assessment: {
      version: 1,
      templateVersion: '2026-11.1',
      submittedAt: '2026-10-02T09:00:00.000Z',
      submittedBy: owner,
      answers: [
        { id: 'annex3_area', section: 'High-risk classification', question: 'Area?', answer: 'Essential private and public services' },
        { id: 'human_oversight', section: 'Context', question: 'Oversight?', answer: 'A person approves every output before it takes effect' },
        { id: 'vulnerable_groups', section: 'Context', question: 'Vulnerable groups?', answer: 'People in a difficult economic situation' },
        { id: 'affected_people_scale', section: 'Context', question: 'How many?', answer: 'More than 10,000' },
        { id: 'automated_decisions_legal_effect', section: 'Context', question: 'Legal effect?', answer: 'No' },
        { id: 'mitigations', section: 'Context', question: 'Mitigations?', answer: 'Every refusal reviewed; monthly fairness report' },
      ],
    },
    risks: [
      {
        id: '44444444-4444-4444-8444-444444444444',
        title: 'Unequal refusal rates by age',
        threat: 'Older applicants refused more often for the same repayment history',
        affectedParties: ['credit applicants over 60'],
        status: 'open',
        treatment: 'mitigate',
        inherentRating: 'high',
        residualRating: 'medium',
        acceptance: null,
        owner,
      },
    ],
    approvals: [
      {
        round: 1,
        outcome: 'approved',
        startedAt: '2026-10-02T09:00:01.000Z',
        settledAt: '2026-10-03T15:00:00.000Z',
        decisions: [{ step: 'risk', person: gov, decision: 'approve', decidedAt: '2026-10-03T15:00:00.000Z', comment: null }],
      },
    ],
    stageHistory: [
      { from: null, to: 'design', action: 'registered', at: '2026-10-01T09:00:00.000Z', actor: owner.email, reason: null },
      { from: 'deployment', to: 'operation', action: 'deploy', at: '2026-10-04T08:00:00.000Z', actor: owner.email, reason: null },
    ],
    deployments: [
      {
        version: '1.0.0',
        environment: 'production',
        kind: 'deploy',
        deployedAt: '2026-10-04T08:00:00.000Z',
        deployedBy: owner.email,
        approvalRound: 1,
        model: { name: 'scorer', version: '1.0.0', checksum: sha('a') },
        datasets: [{ name: 'applications-2025', version: '3', checksum: sha('b') }],
      },
    ],
    materialChanges: [],
    plan: {
      version: 2,
      createdAt: '2026-10-05T08:00:00.000Z',
      createdBy: owner,
      responsible: gov,
      feedback: 'A breach opens an incident review; a lasting one proposes a material change.',
      metrics: [
        {
          key: 'recall',
          name: 'Recall on repaid loans',
          measures: 'Share of repaid loans the model scored as good',
          threshold: { value: 0.85, direction: 'at_least', unit: 'ratio' },
          dataSource: 'monthly evaluation job',
          cadence: 'P1M',
          onBreach: 'corrective_action',
        },
      ],
    },
    monitoringEvents: {
      total: 1,
      recent: [{ id: '55555555-5555-4555-8555-555555555555', kind: 'performance', severity: 'low', metric: 'recall', observedValue: 0.88, threshold: 0.85, occurredAt: '2026-11-01T08:00:00.000Z', source: 'eval job', description: null }],
    },
    reviews: [
      {
        taskId: '66666666-6666-4666-8666-666666666666',
        title: 'Periodic review #1: scheduled',
        decidedAt: '2026-11-15T08:00:00.000Z',
        decision: 'continue',
        decidedBy: owner.email,
        comment: null,
        findings: [],
        monitoringChecks: {
          planVersion: 2,
          results: [{ key: 'recall', name: 'Recall on repaid loans', threshold: { value: 0.85, direction: 'at_least', unit: 'ratio' }, observedValue: 0.88, withinThreshold: true, note: null, followUp: null }],
        },
      },
    ],
    pdcaItems: [],
    controls: {
      applicability: 'Statement of Applicability version 1',
      items: [{ framework: 'iso42001', ref: 'A.6.2.6', title: 'AI system operation and monitoring', status: 'effective', evidenceCount: 3, latestEvidenceAt: '2026-11-15T08:00:00.000Z', reason: null }],
    },
    statements: Object.fromEntries(statementKeys.map((key) => [key, { text: `Our statement for ${key}.`, version: 1, updatedAt: '2026-11-20T08:00:00.000Z', updatedBy: owner.email }])),
    tierPolicy: { reviewCadence: 'P3M', monitoring: { low: 'record', medium: 'record', high: 'review', critical: 'suspend' } },
  };
  if (!opts.bare) return facts;
  return {
    ...facts,
    system: { ...facts.system, stage: 'approval', currentVersion: null, lastApprovedVersion: null },
    risks: [{ ...facts.risks[0]!, status: 'draft', inherentRating: null, residualRating: null }],
    approvals: [{ ...facts.approvals[0]!, outcome: 'in_progress', settledAt: null, decisions: [] }],
    deployments: [],
    plan: null,
    monitoringEvents: { total: 0, recent: [] },
    reviews: [],
  };
}
