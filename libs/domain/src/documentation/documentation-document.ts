import type { ArtifactRef } from '../artifact-ref';
import { BREACH_RESPONSE_LABELS, describeThreshold, MonitoringPlanMetric } from '../monitoring-plan';
import type { RecordedMonitoringChecks } from '../monitoring-plan-checks';
import { DOCUMENTATION_STATEMENTS, DocumentationStatementKey, DocumentKind } from './documentation-statements';

/**
 * The compiled documents (Annex IV technical documentation, Art. 27 fundamental rights impact
 * assessment) and the facts they are compiled from. Pure data: the API gathers the facts from
 * PostgreSQL, the builders in this folder turn them into sections, each complete or listing
 * what is still missing and who can supply it; the JSON and the PDF render the same sections.
 */

export interface PersonRef {
  id: string;
  name: string;
  email: string;
}

export interface DocumentationFacts {
  organisation: string;
  compiledAt: string;
  system: {
    id: string;
    name: string;
    purpose: string;
    intendedUse: string;
    businessUnit: string;
    deploymentContext: string;
    modelType: string;
    vendorType: string;
    vendorName: string | null;
    autonomyLevel: string;
    dataSources: string[];
    dataCategories: string[];
    personalData: boolean;
    specialCategoryData: boolean;
    affectedStakeholders: string[];
    stage: string;
    riskTier: string | null;
    riskReasons: Array<{ code: string; text: string }>;
    currentVersion: string | null;
    lastApprovedVersion: string | null;
    registeredAt: string;
    owner: PersonRef;
  };
  /** the latest impact assessment, its answers as people read them */
  assessment: {
    version: number;
    templateVersion: string;
    submittedAt: string;
    submittedBy: PersonRef | null;
    answers: Array<{ id: string; section: string; question: string; answer: string }>;
  } | null;
  risks: Array<{
    id: string;
    title: string;
    threat: string;
    affectedParties: string[];
    status: string;
    treatment: string;
    inherentRating: string | null;
    residualRating: string | null;
    acceptance: string | null;
    owner: PersonRef | null;
  }>;
  approvals: Array<{
    round: number;
    outcome: string;
    startedAt: string;
    settledAt: string | null;
    decisions: Array<{ step: string; person: PersonRef; decision: string; decidedAt: string | null; comment: string | null }>;
  }>;
  stageHistory: Array<{ from: string | null; to: string; action: string; at: string; actor: string | null; reason: string | null }>;
  deployments: Array<{
    version: string;
    environment: string;
    kind: string;
    deployedAt: string;
    deployedBy: string | null;
    approvalRound: number;
    model: ArtifactRef | null;
    datasets: ArtifactRef[];
  }>;
  materialChanges: Array<{
    id: string;
    kinds: string[];
    description: string;
    proposedVersion: string;
    status: string;
    proposedAt: string;
    decidedAt: string | null;
    deployedAt: string | null;
  }>;
  plan: {
    version: number;
    createdAt: string;
    createdBy: PersonRef;
    responsible: PersonRef;
    feedback: string;
    metrics: MonitoringPlanMetric[];
  } | null;
  /** monitoring events: how many in all, the newest ones in full */
  monitoringEvents: {
    total: number;
    recent: Array<{ id: string; kind: string; severity: string; metric: string | null; observedValue: number | null; threshold: number | null; occurredAt: string; source: string | null; description: string | null }>;
  };
  reviews: Array<{
    taskId: string;
    title: string;
    decidedAt: string | null;
    decision: string | null;
    decidedBy: string | null;
    comment: string | null;
    findings: string[];
    monitoringChecks: RecordedMonitoringChecks | null;
  }>;
  pdcaItems: Array<{ id: string; kind: string; title: string; phase: string; sourceType: string; dueAt: string | null; openedAt: string }>;
  controls: {
    applicability: string;
    items: Array<{ framework: string; ref: string; title: string; status: string; evidenceCount: number; latestEvidenceAt: string | null; reason: string | null }>;
  };
  statements: Partial<Record<DocumentationStatementKey, { text: string; version: number; updatedAt: string; updatedBy: string }>>;
  /** the tier's review cadence and monitoring responses from the governance policy, when the system has a tier */
  tierPolicy: { reviewCadence: string; monitoring: Record<string, string> } | null;
}

export type DocumentBlock =
  | { kind: 'fields'; fields: Array<{ label: string; value: string }> }
  | { kind: 'list'; label: string; items: string[]; empty: string }
  | { kind: 'table'; label: string; columns: string[]; rows: string[][]; empty: string }
  | { kind: 'text'; label: string; text: string };

export interface MissingItem {
  /** what is missing, precisely */
  what: string;
  /** who can supply it: a role, with the person's name where the engine knows it */
  suppliedBy: string;
  /** where or how: the screen or API call that records it */
  how: string;
  /** set when a documentation statement supplies it */
  statementKey?: DocumentationStatementKey;
}

export interface DocumentSection {
  /** `annex_iv.1` ... `annex_iv.9`, `fria.a` ... `fria.f` */
  id: string;
  /** the provision it answers, e.g. `Annex IV point 2` or `Art. 27(1)(c)` */
  reference: string;
  heading: string;
  /** what the section covers, in our words */
  covers: string;
  complete: boolean;
  missing: MissingItem[];
  blocks: DocumentBlock[];
}

export interface ComplianceDocument {
  kind: DocumentKind;
  title: string;
  /** the provision the document follows */
  basis: string;
  organisation: string;
  system: { id: string; name: string; riskTier: string | null; stage: string; currentVersion: string | null; owner: PersonRef };
  compiledAt: string;
  complete: boolean;
  missingCount: number;
  sections: DocumentSection[];
  /** caveats an auditor should read first */
  notes: string[];
}

/** A section from its parts; complete exactly when nothing is missing. */
export function section(
  id: string,
  reference: string,
  heading: string,
  covers: string,
  blocks: DocumentBlock[],
  missing: Array<MissingItem | null | false | undefined>,
): DocumentSection {
  const gaps = missing.filter((m): m is MissingItem => !!m);
  return { id, reference, heading, covers, complete: gaps.length === 0, missing: gaps, blocks };
}

/** The document around its sections: complete when every section is. */
export function assemble(
  facts: DocumentationFacts,
  head: Pick<ComplianceDocument, 'kind' | 'title' | 'basis' | 'notes'>,
  sections: DocumentSection[],
): ComplianceDocument {
  const s = facts.system;
  const missingCount = sections.reduce((n, x) => n + x.missing.length, 0);
  return {
    ...head,
    organisation: facts.organisation,
    system: { id: s.id, name: s.name, riskTier: s.riskTier, stage: s.stage, currentVersion: s.currentVersion, owner: s.owner },
    compiledAt: facts.compiledAt,
    complete: missingCount === 0,
    missingCount,
    sections,
  };
}

export const personLabel = (p: PersonRef | null | undefined): string => (p ? `${p.name} <${p.email}>` : 'not recorded');
export const yesNo = (b: boolean): string => (b ? 'yes' : 'no');
export const joined = (items: readonly string[], none = 'none recorded'): string => (items.length ? items.join('; ') : none);
export const artifactLabel = (a: ArtifactRef | null): string => (a ? `${a.name} ${a.version} (${a.checksum})` : 'not recorded');

/** Who supplies what: the accountable owner by name, the other roles by their role. */
export function owner(facts: DocumentationFacts): string {
  return `the accountable owner, ${personLabel(facts.system.owner)}, or the governance office`;
}

/** A statement block when written, else the missing item that asks for it. */
export function statement(facts: DocumentationFacts, key: DocumentationStatementKey): { block: DocumentBlock | null; missing: MissingItem | null } {
  const { title, prompt } = DOCUMENTATION_STATEMENTS[key];
  const found = facts.statements[key];
  if (found && found.text.trim()) {
    return { block: { kind: 'text', label: `${title} (statement version ${found.version}, ${found.updatedAt.slice(0, 10)}, by ${found.updatedBy})`, text: found.text }, missing: null };
  }
  return {
    block: null,
    missing: {
      what: `${title}: ${prompt}`,
      suppliedBy: owner(facts),
      how: `Documentation tab of the system, or PUT /api/v1/ai-systems/${facts.system.id}/documentation/statements/${key}`,
      statementKey: key,
    },
  };
}

/** Several statements: the blocks of those written, the missing items of the rest. */
export function statements(facts: DocumentationFacts, keys: DocumentationStatementKey[]): { blocks: DocumentBlock[]; missing: Array<MissingItem | null> } {
  const found = keys.map((key) => statement(facts, key));
  return { blocks: found.flatMap((f) => (f.block ? [f.block] : [])), missing: found.map((f) => f.missing) };
}

/** The answer to one impact assessment question, by id, or null when not answered. */
export function answerOf(facts: DocumentationFacts, id: string): string | null {
  const found = facts.assessment?.answers.find((a) => a.id === id);
  return found && found.answer !== 'Not answered' ? found.answer : null;
}

export const confirmedRisks = (facts: DocumentationFacts) => facts.risks.filter((r) => r.status !== 'draft');

export const assessmentMissing = (facts: DocumentationFacts, what: string): MissingItem => ({
  what: `The impact assessment: ${what}`,
  suppliedBy: owner(facts),
  how: `submit the impact assessment (system page, Assess; or POST /api/v1/ai-systems/${facts.system.id}/impact-assessments)`,
});

export function planMissing(facts: DocumentationFacts): MissingItem | null {
  return facts.plan
    ? null
    : {
        what: 'The post-market monitoring plan: the metrics the system is measured by, their thresholds, data sources and cadences, who is responsible and how results feed back',
        suppliedBy: owner(facts),
        how: `system page, Monitoring tab, Monitoring plan; or PUT /api/v1/ai-systems/${facts.system.id}/monitoring-plan`,
      };
}

export function riskRegisterMissing(facts: DocumentationFacts): MissingItem | null {
  if (confirmedRisks(facts).length) return null;
  const drafts = facts.risks.filter((r) => r.status === 'draft').length;
  return drafts
    ? {
        what: `${drafts} risk${drafts === 1 ? '' : 's'} of this system ${drafts === 1 ? 'is' : 'are'} still unrated draft${drafts === 1 ? '' : 's'}: no rated risk of this system is in the register`,
        suppliedBy: `the risk owner (drafts proposed by the impact assessment belong to the accountable owner, ${personLabel(facts.system.owner)}) or the governance office`,
        how: 'Risks screen: rate each draft, which opens it; or PATCH /api/v1/risks/{id} with its inherent rating',
      }
    : {
        what: 'No risk in the risk register concerns this system',
        suppliedBy: 'the governance office or a risk officer',
        how: 'Risks screen: add a risk naming this system; or POST /api/v1/risks with aiSystemIds',
      };
}

/** The plan's metrics as a table (points 4 and 9, and the FRIA's point f). */
export function metricsTable(facts: DocumentationFacts, withResponse: boolean): DocumentBlock {
  return {
    kind: 'table',
    label: facts.plan ? `Metrics of monitoring plan version ${facts.plan.version}` : 'Metrics of the monitoring plan',
    columns: withResponse ? ['Metric', 'Threshold', 'Checked every', 'Data source', 'Outside the threshold'] : ['Metric', 'What it measures', 'Threshold', 'Checked every', 'Data source'],
    rows: (facts.plan?.metrics ?? []).map((m) =>
      withResponse
        ? [`${m.name} (${m.key})`, describeThreshold(m.threshold), m.cadence, m.dataSource, BREACH_RESPONSE_LABELS[m.onBreach]]
        : [`${m.name} (${m.key})`, m.measures, describeThreshold(m.threshold), m.cadence, m.dataSource],
    ),
    empty: 'No monitoring plan.',
  };
}
