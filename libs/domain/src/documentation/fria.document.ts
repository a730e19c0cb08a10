import {
  answerOf,
  assemble,
  assessmentMissing,
  ComplianceDocument,
  confirmedRisks,
  DocumentationFacts,
  joined,
  metricsTable,
  MissingItem,
  owner,
  planMissing,
  riskRegisterMissing,
  section,
  statement,
  yesNo,
} from './documentation-document';

/**
 * The fundamental rights impact assessment of a high-risk AI system, in the order of the six
 * elements of Art. 27(1)(a)-(f) of Regulation (EU) 2024/1689, compiled from what the engine
 * holds. Headings and wording are ours.
 */
export function buildFriaDocument(facts: DocumentationFacts): ComplianceDocument {
  const area = answerOf(facts, 'annex3_area');
  return assemble(
    facts,
    {
      kind: 'fria',
      title: 'Fundamental rights impact assessment',
      basis: 'EU AI Act Art. 27',
      notes: [
        'Art. 27 applies to deployers that are bodies governed by public law or private entities providing public services, and to deployers of the credit-scoring and life and health insurance systems of Annex III point 5(b) and (c); systems of Annex III point 2 (critical infrastructure) are excluded. Whether the organisation is such a deployer is for it to confirm.',
        `Annex III area answered in the impact assessment: ${area ?? 'not answered'}.`,
        'The assessment is done before first use and updated when an element changes (Art. 27(2)); notifying the market surveillance authority of its results (Art. 27(3)) is not recorded by the engine.',
        'Compiled from the governance engine’s records at the time shown; statements are the organisation’s own words, each shown with its version, date and author.',
      ],
    },
    [processes(facts), periodAndFrequency(facts), affected(facts), harms(facts), oversight(facts), measures(facts)],
  );
}

const registrationMissing = (facts: DocumentationFacts, what: string): MissingItem => ({
  what,
  suppliedBy: owner(facts),
  how: 'the registration’s own fields change only through a material change (system page, Propose a change)',
});

function processes(facts: DocumentationFacts) {
  const s = facts.system;
  return section(
    'fria.a',
    'Art. 27(1)(a)',
    'Where and how the system is used',
    'The processes of the organisation in which the system is used, in line with its intended purpose.',
    [
      {
        kind: 'fields',
        fields: [
          { label: 'Intended purpose', value: s.purpose },
          { label: 'Intended use', value: s.intendedUse },
          { label: 'Business unit', value: s.businessUnit },
          { label: 'Where it runs', value: s.deploymentContext },
          { label: 'Degree of autonomy', value: s.autonomyLevel.replace(/_/g, ' ') },
          { label: 'Lifecycle stage', value: s.stage.replace(/_/g, ' ') },
        ],
      },
    ],
    [
      s.intendedUse.trim() ? null : registrationMissing(facts, 'The intended use'),
      s.deploymentContext.trim() ? null : registrationMissing(facts, 'Where the system runs'),
    ],
  );
}

function periodAndFrequency(facts: DocumentationFacts) {
  const first = facts.deployments.find((d) => d.kind === 'deploy') ?? facts.deployments[0];
  const st = statement(facts, 'fria.use_period_frequency');
  return section(
    'fria.b',
    'Art. 27(1)(b)',
    'When and how often it is used',
    'The period over which the system is intended to be used and how often.',
    [
      {
        kind: 'fields',
        fields: [
          { label: 'In service since', value: first ? `${first.deployedAt} (version ${first.version})` : 'not deployed yet' },
          { label: 'Version in service', value: facts.system.currentVersion ?? 'none' },
          { label: 'Periodic review cadence', value: facts.tierPolicy?.reviewCadence ?? 'no tier yet' },
        ],
      },
      ...(st.block ? [st.block] : []),
    ],
    [st.missing],
  );
}

function affected(facts: DocumentationFacts) {
  const s = facts.system;
  const scale = answerOf(facts, 'affected_people_scale');
  return section(
    'fria.c',
    'Art. 27(1)(c)',
    'Who is affected',
    'The categories of people and groups likely to be affected by its use in this context.',
    [
      { kind: 'list', label: 'Affected people (registration)', items: s.affectedStakeholders, empty: 'None recorded.' },
      {
        kind: 'fields',
        fields: [
          { label: 'Vulnerable groups', value: answerOf(facts, 'vulnerable_groups') ?? 'not answered' },
          { label: 'People affected each year', value: scale ?? 'not answered' },
          { label: 'Personal data', value: yesNo(s.personalData) },
          { label: 'Special categories of personal data', value: yesNo(s.specialCategoryData) },
          { label: 'Decisions with legal or similar effect without a person reviewing each', value: answerOf(facts, 'automated_decisions_legal_effect') ?? 'not answered' },
        ],
      },
    ],
    [
      s.affectedStakeholders.length ? null : registrationMissing(facts, 'The people affected by the system'),
      !facts.assessment ? assessmentMissing(facts, 'vulnerable groups and how many people are affected') : scale ? null : assessmentMissing(facts, 'how many people are affected is not answered'),
    ],
  );
}

function harms(facts: DocumentationFacts) {
  const risks = confirmedRisks(facts);
  return section(
    'fria.d',
    'Art. 27(1)(d)',
    'Risks of harm to those people',
    'The specific risks of harm likely to affect the people and groups above, from the risk register and the impact assessment.',
    [
      { kind: 'list', label: 'What the impact assessment found', items: facts.system.riskReasons.map((r) => r.text), empty: 'No reasons recorded.' },
      {
        kind: 'table',
        label: 'Risks in the register',
        columns: ['Risk', 'Harm', 'Who it affects', 'Residual rating', 'Treatment', 'Status'],
        rows: risks.map((r) => [r.title, r.threat, joined(r.affectedParties, 'not named'), r.residualRating ?? 'not rated', r.treatment, r.status]),
        empty: 'No confirmed risk of this system is in the register.',
      },
    ],
    [facts.assessment ? null : assessmentMissing(facts, 'the risk tier and its reasons'), riskRegisterMissing(facts)],
  );
}

function oversight(facts: DocumentationFacts) {
  const answer = answerOf(facts, 'human_oversight');
  const st = statement(facts, 'fria.oversight_implementation');
  return section(
    'fria.e',
    'Art. 27(1)(e)',
    'Human oversight in practice',
    'How the human oversight measures of the instructions for use are carried out.',
    [
      {
        kind: 'fields',
        fields: [
          { label: 'Human oversight (impact assessment)', value: answer ?? 'not answered' },
          { label: 'Degree of autonomy', value: facts.system.autonomyLevel.replace(/_/g, ' ') },
          { label: 'Measures that reduce the risks (impact assessment)', value: answerOf(facts, 'mitigations') ?? 'not answered' },
        ],
      },
      ...(st.block ? [st.block] : []),
    ],
    [!facts.assessment ? assessmentMissing(facts, 'the human oversight in place') : answer ? null : assessmentMissing(facts, 'the human oversight question is not answered'), st.missing],
  );
}

function measures(facts: DocumentationFacts) {
  const st = statement(facts, 'fria.complaints_governance');
  const responses = facts.tierPolicy ? Object.entries(facts.tierPolicy.monitoring).map(([severity, response]) => `${severity}: ${response}`) : [];
  const open = facts.pdcaItems.filter((i) => i.phase !== 'closed');
  return section(
    'fria.f',
    'Art. 27(1)(f)',
    'When a risk materialises',
    'What is done when a risk materialises, including internal governance and how people can complain.',
    [
      {
        kind: 'fields',
        fields: [
          { label: 'How monitoring results feed back', value: facts.plan?.feedback ?? 'no monitoring plan' },
          { label: 'Response to monitoring events, by severity (governance policy)', value: joined(responses, 'no tier yet') },
        ],
      },
      metricsTable(facts, true),
      {
        kind: 'table',
        label: 'Open nonconformities, corrective actions and improvements',
        columns: ['Kind', 'Title', 'Phase', 'Due'],
        rows: open.map((i) => [i.kind.replace(/_/g, ' '), i.title, i.phase, i.dueAt ?? '']),
        empty: 'None open.',
      },
      ...(st.block ? [st.block] : []),
    ],
    [planMissing(facts), st.missing],
  );
}
