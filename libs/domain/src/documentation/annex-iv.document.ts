import { describeThreshold } from '../monitoring-plan';
import {
  answerOf,
  artifactLabel,
  assemble,
  assessmentMissing,
  ComplianceDocument,
  DocumentationFacts,
  DocumentBlock,
  joined,
  metricsTable,
  MissingItem,
  owner,
  personLabel,
  planMissing,
  riskRegisterMissing,
  section,
  statements,
  yesNo,
} from './documentation-document';

/**
 * The technical documentation of a high-risk AI system, in the order of Annex IV's nine points
 * (Regulation (EU) 2024/1689). Headings and wording are ours; every point lists what the engine
 * holds for it and, precisely, what is still missing and who can supply it.
 */
export function buildAnnexIvDocument(facts: DocumentationFacts): ComplianceDocument {
  return assemble(
    facts,
    {
      kind: 'annex_iv',
      title: 'Technical documentation',
      basis: 'EU AI Act Art. 11 and Annex IV',
      notes: [
        'Compiled from the governance engine’s records at the time shown; statements are the organisation’s own words, each shown with its version, date and author.',
        'Sections follow the nine points of Annex IV of Regulation (EU) 2024/1689; the headings are ours. The post-market monitoring plan (point 9) is part of this documentation (Art. 72(3)).',
      ],
    },
    [general(facts), development(facts), functioning(facts), metrics(facts), riskManagement(facts), lifecycle(facts), standards(facts), declaration(facts), postMarket(facts)],
  );
}

/** The deployment of the version in service, if one was recorded. */
export function runningDeployment(facts: DocumentationFacts): DocumentationFacts['deployments'][number] | null {
  const current = facts.system.currentVersion;
  if (!current) return null;
  return [...facts.deployments].reverse().find((d) => d.version === current) ?? null;
}

const deploymentHow = (facts: DocumentationFacts) =>
  `record the deployment with its model and datasets (system page, Deploy; or POST /api/v1/ai-systems/${facts.system.id}/deployments with model and datasets)`;

function notDeployed(facts: DocumentationFacts, what: string): MissingItem | null {
  return facts.deployments.length
    ? null
    : { what: `No version has been deployed yet: ${what}`, suppliedBy: owner(facts), how: deploymentHow(facts) };
}

function general(facts: DocumentationFacts) {
  const s = facts.system;
  const st = statements(facts, ['annex_iv.interactions', 'annex_iv.instructions_for_use']);
  return section(
    'annex_iv.1',
    'Annex IV point 1',
    'What the system is and how it is delivered',
    'Intended purpose, provider, the version in service and its predecessors, interfaces with other hardware, software and AI systems, delivery forms, hardware and the instructions for use.',
    [
      {
        kind: 'fields',
        fields: [
          { label: 'System', value: s.name },
          { label: 'Provider', value: s.vendorType === 'third_party' ? `${s.vendorName ?? 'a third party (not named)'}, deployed by ${facts.organisation}` : `${facts.organisation} (built in house)` },
          { label: 'Intended purpose', value: s.purpose },
          { label: 'Intended use', value: s.intendedUse },
          { label: 'Business unit', value: s.businessUnit },
          { label: 'Where it runs', value: s.deploymentContext },
          { label: 'Kind of model', value: s.modelType },
          { label: 'Degree of autonomy', value: s.autonomyLevel.replace(/_/g, ' ') },
          { label: 'Version in service', value: s.currentVersion ?? 'none' },
          { label: 'Last approved version', value: s.lastApprovedVersion ?? 'none' },
          { label: 'Registered', value: s.registeredAt },
        ],
      },
      {
        kind: 'table',
        label: 'Versions deployed',
        columns: ['Version', 'Environment', 'Kind', 'Deployed at', 'Approval round'],
        rows: facts.deployments.map((d) => [d.version, d.environment, d.kind, d.deployedAt, String(d.approvalRound)]),
        empty: 'No deployment recorded.',
      },
      ...st.blocks,
    ],
    [notDeployed(facts, 'the version in service and its deployment record'), ...st.missing],
  );
}

function development(facts: DocumentationFacts) {
  const s = facts.system;
  const running = runningDeployment(facts);
  const st = statements(facts, ['annex_iv.development', 'annex_iv.data_requirements', 'annex_iv.validation_testing', 'annex_iv.cybersecurity']);
  const oversight = answerOf(facts, 'human_oversight');
  const gaps: Array<MissingItem | null> = [notDeployed(facts, 'the model and datasets are recorded with a deployment')];
  if (running && !running.model) {
    gaps.push({ what: `The model of version ${running.version}: name, version and checksum`, suppliedBy: owner(facts), how: `${deploymentHow(facts)}; a version's artifacts are fixed once deployed, so record them with the next version` });
  }
  if (running && running.datasets.length === 0) {
    gaps.push({ what: `The datasets of version ${running.version}: name, version and checksum of each`, suppliedBy: owner(facts), how: `${deploymentHow(facts)}; a version's artifacts are fixed once deployed, so record them with the next version` });
  }
  if (!facts.assessment) gaps.push(assessmentMissing(facts, 'its answer on human oversight (the assessment of the oversight measures, Annex IV point 2(e))'));
  else if (!oversight) gaps.push(assessmentMissing(facts, 'the human oversight question is not answered'));
  return section(
    'annex_iv.2',
    'Annex IV point 2',
    'How it was built: elements, data and development',
    'Development methods and design choices, architecture, the model and datasets with their versions and checksums, data requirements, human oversight measures, validation and testing, cybersecurity.',
    [
      {
        kind: 'fields',
        fields: [
          { label: 'Kind of model', value: s.modelType },
          { label: 'Model in service', value: running ? artifactLabel(running.model) : 'no version in service' },
          { label: 'Data sources', value: joined(s.dataSources) },
          { label: 'Data categories', value: joined(s.dataCategories) },
          { label: 'Personal data', value: yesNo(s.personalData) },
          { label: 'Special categories of personal data', value: yesNo(s.specialCategoryData) },
          { label: 'Human oversight (impact assessment)', value: oversight ?? 'not answered' },
        ],
      },
      {
        kind: 'table',
        label: running ? `Datasets of version ${running.version}` : 'Datasets of the version in service',
        columns: ['Dataset', 'Version', 'Checksum'],
        rows: (running?.datasets ?? []).map((d) => [d.name, d.version, d.checksum]),
        empty: 'No dataset recorded.',
      },
      ...st.blocks,
    ],
    [...gaps, ...st.missing],
  );
}

function functioning(facts: DocumentationFacts) {
  const st = statements(facts, ['annex_iv.capabilities_limitations']);
  const oversight = answerOf(facts, 'human_oversight');
  return section(
    'annex_iv.3',
    'Annex IV point 3',
    'How it behaves in use and how people control it',
    'Capabilities and limits in performance, accuracy for the groups it is used on, foreseeable unintended outcomes and sources of risk, human oversight measures, input data specifications.',
    [
      {
        kind: 'fields',
        fields: [
          { label: 'Human oversight', value: oversight ?? 'not answered' },
          { label: 'Degree of autonomy', value: facts.system.autonomyLevel.replace(/_/g, ' ') },
          { label: 'Decisions with legal or similar effect without a person reviewing each', value: answerOf(facts, 'automated_decisions_legal_effect') ?? 'not answered' },
          { label: 'Affected people', value: joined(facts.system.affectedStakeholders) },
          { label: 'Vulnerable groups', value: answerOf(facts, 'vulnerable_groups') ?? 'not answered' },
          { label: 'Measures that reduce the risks (impact assessment)', value: answerOf(facts, 'mitigations') ?? 'not answered' },
        ],
      },
      ...st.blocks,
    ],
    [
      !facts.assessment ? assessmentMissing(facts, 'human oversight and the people affected') : !oversight ? assessmentMissing(facts, 'the human oversight question is not answered') : null,
      ...st.missing,
    ],
  );
}

function metrics(facts: DocumentationFacts) {
  return section(
    'annex_iv.4',
    'Annex IV point 4',
    'Why these performance metrics',
    'The metrics the system’s performance is judged by, what each measures and the threshold it must meet, from the post-market monitoring plan.',
    [metricsTable(facts, false)],
    [planMissing(facts)],
  );
}

function riskManagement(facts: DocumentationFacts) {
  const a = facts.assessment;
  return section(
    'annex_iv.5',
    'Annex IV point 5',
    'Risk management (Art. 9)',
    'The risk tier and the reasons for it, the impact assessment it rests on, and the system’s risks in the risk register with their ratings and treatment.',
    [
      {
        kind: 'fields',
        fields: [
          { label: 'Risk tier', value: facts.system.riskTier ?? 'not assessed' },
          {
            label: 'Impact assessment',
            value: a ? `version ${a.version}, submitted ${a.submittedAt} by ${personLabel(a.submittedBy)} (questionnaire ${a.templateVersion})` : 'not submitted',
          },
        ],
      },
      { kind: 'list', label: 'Reasons for the tier', items: facts.system.riskReasons.map((r) => `${r.text} (${r.code})`), empty: 'No reasons recorded.' },
      {
        kind: 'table',
        label: 'Risks in the register',
        columns: ['Risk', 'Harm or threat', 'Inherent', 'Residual', 'Treatment', 'Status', 'Owner'],
        rows: facts.risks.map((r) => [r.title, r.threat, r.inherentRating ?? 'not rated', r.residualRating ?? 'not rated', r.treatment, r.acceptance ? `${r.status} (acceptance ${r.acceptance})` : r.status, personLabel(r.owner)]),
        empty: 'No risk of this system is in the register.',
      },
    ],
    [a ? null : assessmentMissing(facts, 'the risk tier and its reasons'), riskRegisterMissing(facts)],
  );
}

function lifecycle(facts: DocumentationFacts) {
  const approved = facts.approvals.some((r) => r.outcome === 'approved');
  return section(
    'annex_iv.6',
    'Annex IV point 6',
    'Changes over its lifecycle',
    'Every stage change, approval round with who decided and when, and material change, from the engine’s records.',
    [
      {
        kind: 'table',
        label: 'Stage history',
        columns: ['When', 'From', 'To', 'Action', 'By', 'Reason'],
        rows: facts.stageHistory.map((t) => [t.at, t.from ?? '', t.to, t.action, t.actor ?? 'the engine', t.reason ?? '']),
        empty: 'No stage change recorded.',
      },
      {
        kind: 'table',
        label: 'Approvals',
        columns: ['Round', 'Outcome', 'Step', 'Approver', 'Decision', 'Decided at', 'Comment'],
        rows: facts.approvals.flatMap((r) =>
          r.decisions.length
            ? r.decisions.map((d) => [String(r.round), r.outcome, d.step, personLabel(d.person), d.decision, d.decidedAt ?? '', d.comment ?? ''])
            : [[String(r.round), r.outcome, '', '', '', '', '']],
        ),
        empty: 'No approval round yet.',
      },
      {
        kind: 'table',
        label: 'Material changes',
        columns: ['Proposed', 'Version', 'Kinds', 'Status', 'Description'],
        rows: facts.materialChanges.map((c) => [c.proposedAt, c.proposedVersion, c.kinds.join(', '), c.status, c.description]),
        empty: 'No material change proposed.',
      },
    ],
    [
      approved
        ? null
        : {
            what: 'No version has been approved: the approval round records who approved it and when',
            suppliedBy: 'the approvers the governance policy names for the risk tier',
            how: 'the approval round the impact assessment starts (their Inbox)',
          },
    ],
  );
}

function standards(facts: DocumentationFacts) {
  const st = statements(facts, ['annex_iv.standards']);
  const needing = facts.controls.items.filter((c) => c.status === 'attention' || c.status === 'no_evidence').length;
  return section(
    'annex_iv.7',
    'Annex IV point 7',
    'Standards and specifications applied',
    'The harmonised standards applied or, where none, the solutions adopted; with the ISO/IEC 42001 and 27001 controls the engine keeps evidence for and how each stands for this system.',
    [
      {
        kind: 'fields',
        fields: [
          { label: 'Control applicability', value: facts.controls.applicability },
          { label: 'Controls needing attention or evidence', value: needing ? `${needing} (see the system’s Controls tab)` : 'none' },
        ],
      },
      ...st.blocks,
      {
        kind: 'table',
        label: 'Controls and their evidence for this system',
        columns: ['Control', 'Title', 'Status', 'Evidence items', 'Latest evidence'],
        rows: facts.controls.items.map((c) => [`${c.framework} ${c.ref}`, c.title, c.reason ? `${c.status.replace(/_/g, ' ')}: ${c.reason}` : c.status.replace(/_/g, ' '), String(c.evidenceCount), c.latestEvidenceAt ?? '']),
        empty: 'No controls in the evidence map.',
      },
    ],
    st.missing,
  );
}

function declaration(facts: DocumentationFacts) {
  const st = statements(facts, ['annex_iv.declaration_of_conformity']);
  return section(
    'annex_iv.8',
    'Annex IV point 8',
    'EU declaration of conformity',
    'Where the signed declaration of conformity of the version in service is kept.',
    [{ kind: 'fields', fields: [{ label: 'Version in service', value: facts.system.currentVersion ?? 'none' }] }, ...st.blocks],
    st.missing,
  );
}

function postMarket(facts: DocumentationFacts) {
  const plan = facts.plan;
  const checked = facts.reviews.find((r) => r.monitoringChecks);
  const incidents = facts.monitoringEvents.recent.filter((e) => e.kind === 'incident');
  const blocks: DocumentBlock[] = [
    {
      kind: 'fields',
      fields: plan
        ? [
            { label: 'Monitoring plan', value: `version ${plan.version}, adopted ${plan.createdAt} by ${personLabel(plan.createdBy)}` },
            { label: 'Responsible', value: personLabel(plan.responsible) },
            { label: 'How results feed back', value: plan.feedback },
            { label: 'Monitoring events recorded', value: String(facts.monitoringEvents.total) },
          ]
        : [
            { label: 'Monitoring plan', value: 'none' },
            { label: 'Monitoring events recorded', value: String(facts.monitoringEvents.total) },
          ],
    },
    metricsTable(facts, true),
    {
      kind: 'table',
      label: facts.monitoringEvents.total > facts.monitoringEvents.recent.length ? `Newest ${facts.monitoringEvents.recent.length} monitoring events` : 'Monitoring events',
      columns: ['When', 'Kind', 'Severity', 'Metric', 'Observed', 'Threshold', 'Source'],
      rows: facts.monitoringEvents.recent.map((e) => [e.occurredAt, e.kind, e.severity, e.metric ?? '', e.observedValue === null ? '' : String(e.observedValue), e.threshold === null ? '' : String(e.threshold), e.source ?? '']),
      empty: 'No monitoring event recorded.',
    },
    {
      kind: 'table',
      label: 'Periodic reviews',
      columns: ['Decided', 'Review', 'Decision', 'By', 'Checklist findings', 'Metrics outside threshold'],
      rows: facts.reviews.map((r) => [
        r.decidedAt ?? '',
        r.title,
        r.decision ?? '',
        r.decidedBy ?? '',
        joined(r.findings, 'none'),
        r.monitoringChecks ? joined(r.monitoringChecks.results.filter((c) => !c.withinThreshold).map((c) => `${c.name}: ${c.observedValue}`), 'none') : 'not checked against a plan',
      ]),
      empty: 'No periodic review decided yet.',
    },
  ];
  if (checked?.monitoringChecks) {
    blocks.push({
      kind: 'table',
      label: `Latest review against plan version ${checked.monitoringChecks.planVersion} (${checked.decidedAt ?? ''})`,
      columns: ['Metric', 'Observed', 'Threshold', 'Within', 'Note', 'Follow-up'],
      rows: checked.monitoringChecks.results.map((c) => [
        c.name,
        String(c.observedValue),
        describeThreshold(c.threshold),
        c.withinThreshold ? 'yes' : 'no',
        c.note ?? '',
        c.followUp ? `${c.followUp.kind.replace(/_/g, ' ')} ${c.followUp.id}` : '',
      ]),
      empty: '',
    });
  }
  blocks.push(
    {
      kind: 'table',
      label: 'Incidents reported',
      columns: ['When', 'Severity', 'Metric', 'Description'],
      rows: incidents.map((e) => [e.occurredAt, e.severity, e.metric ?? '', e.description ?? '']),
      empty: 'No incident among the monitoring events listed.',
    },
    {
      kind: 'table',
      label: 'Nonconformities, corrective actions and improvements',
      columns: ['Opened', 'Kind', 'Title', 'Phase', 'Came from', 'Due'],
      rows: facts.pdcaItems.map((i) => [i.openedAt, i.kind.replace(/_/g, ' '), i.title, i.phase, i.sourceType, i.dueAt ?? '']),
      empty: 'None.',
    },
  );
  return section(
    'annex_iv.9',
    'Annex IV point 9',
    'Post-market monitoring (Art. 72)',
    'The post-market monitoring plan and what it produced: monitoring events, periodic reviews checked against the plan, incidents and the actions they led to.',
    blocks,
    [planMissing(facts)],
  );
}
