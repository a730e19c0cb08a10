import {
  ApprovalPolicy,
  ApprovalStepPolicy,
  ApproverSelector,
  DEFAULT_PDCA_POLICY,
  DEFAULT_DOCUMENT_APPROVAL,
  DEFAULT_ORGANISATION,
  GovernancePolicy,
  InternalAuditPolicy,
  ManagementReviewPolicy,
  OrganisationPolicy,
  PdcaPolicy,
  PolicyValidationError,
  Quorum,
  ReviewPolicy,
  TierPolicy,
  USER_ROLES,
  UserRole,
} from './governance-policy.types';
import { fieldChecks, Obj, POLICY_WORDS } from './field-checks';
import { isIsoDuration, isoDurationToApproxMs } from './iso-duration';
import { APPROVABLE_RISK_TIERS } from './risk-tier';
import { DEFAULT_MONITORING_THRESHOLDS, MONITORING_RESPONSES, MonitoringThresholds } from './monitoring-response';
import { MONITORING_SEVERITIES } from './monitoring-event';
import { parseRiskMatrix } from './risk-matrix.parser';
import { DEFAULT_QUESTIONNAIRE_POLICY, DEFAULT_REASSESSMENT_POLICY, QuestionnairePolicy } from './questionnaire/questionnaire-policy';
import { ACT_REPORTING_LIMITS, DEFAULT_SERIOUS_INCIDENT_POLICY, SERIOUS_INCIDENT_CATEGORIES, SeriousIncidentPolicy } from './serious-incident';

const { fail, object, text } = fieldChecks((field, reason) => {
  throw new PolicyValidationError(field, reason);
}, POLICY_WORDS);

function duration(value: unknown, field: string): string {
  if (typeof value !== 'string' || !isIsoDuration(value)) fail(field, `must be an ISO-8601 duration such as P2D or PT12H, got ${JSON.stringify(value)}`);
  if (isoDurationToApproxMs(value as string) <= 0) fail(field, 'must be longer than zero');
  return value as string;
}

function stringList(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !v.trim())) fail(field, 'must be a list of non-empty strings');
  return value as string[];
}

function selector(value: unknown, field: string): ApproverSelector {
  const o = object(value, field, ['roles', 'users', 'relations']);
  const roles = stringList(o.roles, `${field}.roles`);
  roles.forEach((r, i) => {
    if (!(USER_ROLES as readonly string[]).includes(r)) fail(`${field}.roles[${i}]`, `'${r}' is not a role (roles: ${USER_ROLES.join(', ')})`);
  });
  const users = stringList(o.users, `${field}.users`).map((u, i) => {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(u)) fail(`${field}.users[${i}]`, `'${u}' is not an email address`);
    return u.toLowerCase();
  });
  const relations = stringList(o.relations, `${field}.relations`);
  relations.forEach((r, i) => {
    if (r !== 'owner_manager') fail(`${field}.relations[${i}]`, `'${r}' is not a relation (relations: owner_manager)`);
  });
  if (roles.length + users.length + relations.length === 0) fail(field, 'must name at least one role, user or relation');
  return { roles: roles as UserRole[], users, relations: relations as ApproverSelector['relations'] };
}

function quorum(value: unknown, field: string): Quorum {
  if (value === 'all') return { kind: 'all' };
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1) fail(field, 'must be a whole number of at least 1');
    return { kind: 'count', count: value };
  }
  if (typeof value === 'string') {
    const m = /^\s*(\d+)\s+of\s+(\d+)\s*$/.exec(value);
    if (m) {
      const [n, of] = [Number(m[1]), Number(m[2])];
      if (n < 1 || n > of) fail(field, `'${value}' needs 1 <= N <= M`);
      return { kind: 'count', count: n, of };
    }
  }
  return fail(field, `must be a number such as 1, "all", or "N of M" such as "2 of 3"; got ${JSON.stringify(value)}`);
}

function step(value: unknown, field: string): ApprovalStepPolicy {
  const o = object(value, field, ['name', 'approvers', 'quorum', 'required']);
  if (typeof o.name !== 'string' || !/^[a-z][a-z0-9_-]{0,39}$/.test(o.name)) {
    fail(`${field}.name`, 'must be a short identifier (lower-case letters, digits, _ or -)');
  }
  if (o.approvers === undefined) fail(`${field}.approvers`, 'is required');
  if (o.quorum === undefined) fail(`${field}.quorum`, 'is required');
  if (o.required !== undefined && typeof o.required !== 'boolean') fail(`${field}.required`, 'must be true or false');
  return {
    name: o.name as string,
    approvers: selector(o.approvers, `${field}.approvers`),
    quorum: quorum(o.quorum, `${field}.quorum`),
    required: o.required !== false,
  };
}

function approval(value: unknown, field: string): ApprovalPolicy {
  const o = object(value, field, ['steps', 'reminderAfter', 'escalateAfter', 'escalateTo', 'expireAfter']);
  if (!Array.isArray(o.steps) || o.steps.length === 0) fail(`${field}.steps`, 'must list at least one approval step');
  const steps = (o.steps as unknown[]).map((s, i) => step(s, `${field}.steps[${i}]`));
  if (!steps.some((s) => s.required)) fail(`${field}.steps`, 'needs at least one required step (a round of optional steps could approve with nobody asked)');
  steps.forEach((s, i) => {
    if (steps.findIndex((t) => t.name === s.name) !== i) fail(`${field}.steps[${i}].name`, `'${s.name}' is used by an earlier step`);
  });
  for (const key of ['reminderAfter', 'escalateAfter', 'escalateTo', 'expireAfter']) {
    if (o[key] === undefined) fail(`${field}.${key}`, 'is required');
  }
  const reminderAfter = duration(o.reminderAfter, `${field}.reminderAfter`);
  const escalateAfter = duration(o.escalateAfter, `${field}.escalateAfter`);
  const expireAfter = duration(o.expireAfter, `${field}.expireAfter`);
  if (isoDurationToApproxMs(escalateAfter) <= isoDurationToApproxMs(reminderAfter)) {
    fail(`${field}.escalateAfter`, 'must be longer than reminderAfter (the reminder comes first)');
  }
  if (isoDurationToApproxMs(expireAfter) <= isoDurationToApproxMs(escalateAfter)) {
    fail(`${field}.expireAfter`, 'must be longer than escalateAfter (escalation comes before expiry)');
  }
  return { steps, reminderAfter, escalateAfter, escalateTo: selector(o.escalateTo, `${field}.escalateTo`), expireAfter };
}

function review(value: unknown, field: string, escalateTo: ApproverSelector): ReviewPolicy {
  const o = object(value, field, ['cadence', 'dueWithin', 'escalateAfterDue', 'escalateTo']);
  if (o.cadence === undefined) fail(`${field}.cadence`, 'is required');
  if (o.dueWithin === undefined) fail(`${field}.dueWithin`, 'is required');
  const dueWithin = duration(o.dueWithin, `${field}.dueWithin`);
  return {
    cadence: duration(o.cadence, `${field}.cadence`),
    dueWithin,
    escalateAfterDue: o.escalateAfterDue === undefined ? dueWithin : duration(o.escalateAfterDue, `${field}.escalateAfterDue`),
    escalateTo: o.escalateTo === undefined ? escalateTo : selector(o.escalateTo, `${field}.escalateTo`),
  };
}

function monitoring(value: unknown, field: string): MonitoringThresholds {
  if (value === undefined) return { ...DEFAULT_MONITORING_THRESHOLDS };
  const o = object(value, field, [...MONITORING_SEVERITIES]);
  const thresholds = { ...DEFAULT_MONITORING_THRESHOLDS };
  for (const severity of MONITORING_SEVERITIES) {
    if (o[severity] === undefined) continue;
    if (!(MONITORING_RESPONSES as readonly unknown[]).includes(o[severity])) {
      fail(`${field}.${severity}`, `must be one of ${MONITORING_RESPONSES.join(', ')}; got ${JSON.stringify(o[severity])}`);
    }
    thresholds[severity] = o[severity] as MonitoringThresholds[typeof severity];
  }
  return thresholds;
}

function required(o: Obj, field: string, keys: string[]): void {
  for (const key of keys) if (o[key] === undefined) fail(`${field}.${key}`, 'is required');
}

function pdca(value: unknown): PdcaPolicy {
  if (value === undefined) return DEFAULT_PDCA_POLICY;
  const o = object(value, 'pdca', ['remindBefore', 'escalateAfter', 'escalateTo']);
  return {
    remindBefore: o.remindBefore === undefined ? DEFAULT_PDCA_POLICY.remindBefore : duration(o.remindBefore, 'pdca.remindBefore'),
    escalateAfter: o.escalateAfter === undefined ? DEFAULT_PDCA_POLICY.escalateAfter : duration(o.escalateAfter, 'pdca.escalateAfter'),
    escalateTo: o.escalateTo === undefined ? DEFAULT_PDCA_POLICY.escalateTo : selector(o.escalateTo, 'pdca.escalateTo'),
  };
}

function managementReview(value: unknown): ManagementReviewPolicy | null {
  if (value === undefined || value === null) return null;
  const field = 'managementReview';
  const o = object(value, field, ['cadence', 'noticePeriod', 'remindBefore', 'participants']);
  required(o, field, ['cadence', 'noticePeriod', 'remindBefore', 'participants']);
  const noticePeriod = duration(o.noticePeriod, `${field}.noticePeriod`);
  const remindBefore = duration(o.remindBefore, `${field}.remindBefore`);
  if (isoDurationToApproxMs(remindBefore) >= isoDurationToApproxMs(noticePeriod)) {
    fail(`${field}.remindBefore`, 'must be shorter than noticePeriod (the reminder comes after the invitation)');
  }
  return { cadence: duration(o.cadence, `${field}.cadence`), noticePeriod, remindBefore, participants: selector(o.participants, `${field}.participants`) };
}

function internalAudit(value: unknown): InternalAuditPolicy | null {
  if (value === undefined || value === null) return null;
  const field = 'internalAudit';
  const o = object(value, field, ['cadence', 'dueWithin', 'remindBefore', 'auditors']);
  required(o, field, ['cadence', 'dueWithin', 'remindBefore', 'auditors']);
  const dueWithin = duration(o.dueWithin, `${field}.dueWithin`);
  const remindBefore = duration(o.remindBefore, `${field}.remindBefore`);
  if (isoDurationToApproxMs(remindBefore) >= isoDurationToApproxMs(dueWithin)) fail(`${field}.remindBefore`, 'must be shorter than dueWithin');
  return { cadence: duration(o.cadence, `${field}.cadence`), dueWithin, remindBefore, auditors: selector(o.auditors, `${field}.auditors`) };
}

/** The Statement of Applicability's publication round: a tier's `approval` shape (owner_manager has no owner to follow). */
function soaApproval(value: unknown): ApprovalPolicy {
  return documentApproval(value, 'soa', 'a Statement of Applicability');
}

/** A risk acceptance above the appetite: the same shape as `soa`, and the same default. */
function riskAcceptanceApproval(value: unknown): ApprovalPolicy {
  return documentApproval(value, 'riskAcceptance', 'a risk acceptance');
}

/** An approval round over a governed record (not an AI system): a tier's `approval` shape without owner_manager. */
function documentApproval(value: unknown, field: string, what: string): ApprovalPolicy {
  if (value === undefined) return DEFAULT_DOCUMENT_APPROVAL;
  const parsed = approval(value, field);
  const noOwner = `${what} has no accountable owner, so owner_manager finds nobody`;
  parsed.steps.forEach((s, i) => {
    if (s.approvers.relations.length) fail(`${field}.steps[${i}].approvers.relations`, noOwner);
  });
  if (parsed.escalateTo.relations.length) fail(`${field}.escalateTo.relations`, noOwner);
  return parsed;
}

function organisation(value: unknown): OrganisationPolicy {
  if (value === undefined || value === null) return DEFAULT_ORGANISATION;
  const o = object(value, 'organisation', ['name', 'scope']);
  return {
    name: text(o, 'name', 'organisation', 200),
    scope: o.scope === undefined ? DEFAULT_ORGANISATION.scope : text(o, 'scope', 'organisation', 2000),
  };
}

/**
 * Serious incident clocks (EU AI Act Art. 73): each category's time may be shortened (a test
 * policy runs them in seconds) but never made longer than the Act allows, and a stricter
 * category never gets more time than a milder one, so a stricter reclassification always
 * shortens the deadline.
 */
function seriousIncidents(value: unknown): SeriousIncidentPolicy {
  if (value === undefined || value === null) return DEFAULT_SERIOUS_INCIDENT_POLICY;
  const field = 'seriousIncidents';
  const o = object(value, field, ['deadlines', 'remindBefore', 'escalateBefore', 'escalateTo']);
  const deadlines = { ...DEFAULT_SERIOUS_INCIDENT_POLICY.deadlines };
  if (o.deadlines !== undefined) {
    const d = object(o.deadlines, `${field}.deadlines`, [...SERIOUS_INCIDENT_CATEGORIES]);
    for (const category of SERIOUS_INCIDENT_CATEGORIES) {
      if (d[category] === undefined) continue;
      const at = `${field}.deadlines.${category}`;
      deadlines[category] = duration(d[category], at);
      if (isoDurationToApproxMs(deadlines[category]) > isoDurationToApproxMs(ACT_REPORTING_LIMITS[category])) {
        fail(at, `must be at most ${ACT_REPORTING_LIMITS[category]}, the EU AI Act's limit for this category`);
      }
    }
    const ms = (c: (typeof SERIOUS_INCIDENT_CATEGORIES)[number]) => isoDurationToApproxMs(deadlines[c]);
    if (ms('death') > ms('general')) fail(`${field}.deadlines.death`, 'must not be longer than general (a stricter category never gets more time)');
    if (ms('widespread_or_critical_infrastructure') > ms('death')) {
      fail(`${field}.deadlines.widespread_or_critical_infrastructure`, 'must not be longer than death (a stricter category never gets more time)');
    }
  }
  let remindBefore = DEFAULT_SERIOUS_INCIDENT_POLICY.remindBefore;
  if (o.remindBefore !== undefined) {
    if (!Array.isArray(o.remindBefore) || o.remindBefore.length > 10) fail(`${field}.remindBefore`, 'must be a list of at most 10 durations');
    remindBefore = (o.remindBefore as unknown[]).map((r, i) => duration(r, `${field}.remindBefore[${i}]`));
    remindBefore.forEach((r, i) => {
      if (remindBefore.indexOf(r) !== i) fail(`${field}.remindBefore[${i}]`, `'${r}' is listed twice`);
    });
  }
  const escalateTo = o.escalateTo === undefined ? DEFAULT_SERIOUS_INCIDENT_POLICY.escalateTo : selector(o.escalateTo, `${field}.escalateTo`);
  // The notices go to people by role or email; nobody resolves a relation for them.
  if (escalateTo.relations.length) fail(`${field}.escalateTo.relations`, 'is not supported here: name roles or users (the owner hears of every step anyway)');
  return {
    deadlines,
    remindBefore,
    escalateBefore: o.escalateBefore === undefined ? DEFAULT_SERIOUS_INCIDENT_POLICY.escalateBefore : duration(o.escalateBefore, `${field}.escalateBefore`),
    escalateTo,
  };
}

/**
 * Publishing a questionnaire version: its approval round (the `soa` shape and default) and
 * the re-assessments it asks for. The reminder comes before the due date, so it must be
 * shorter than the time owners get.
 */
function questionnaire(value: unknown): QuestionnairePolicy {
  if (value === undefined || value === null) return DEFAULT_QUESTIONNAIRE_POLICY;
  const field = 'questionnaire';
  const o = object(value, field, ['approval', 'reassessment']);
  const d = DEFAULT_REASSESSMENT_POLICY;
  const r = o.reassessment === undefined ? {} : object(o.reassessment, `${field}.reassessment`, ['dueWithin', 'remindBefore', 'escalateAfterDue', 'escalateTo']);
  const dueWithin = r.dueWithin === undefined ? d.dueWithin : duration(r.dueWithin, `${field}.reassessment.dueWithin`);
  const remindBefore = r.remindBefore === undefined ? d.remindBefore : duration(r.remindBefore, `${field}.reassessment.remindBefore`);
  if (isoDurationToApproxMs(remindBefore) >= isoDurationToApproxMs(dueWithin)) {
    fail(`${field}.reassessment.remindBefore`, 'must be shorter than dueWithin (the reminder comes before the due date)');
  }
  const escalateTo = r.escalateTo === undefined ? d.escalateTo : selector(r.escalateTo, `${field}.reassessment.escalateTo`);
  if (escalateTo.relations.length) fail(`${field}.reassessment.escalateTo.relations`, 'is not supported here: name roles or users (a list of systems has no one owner)');
  return {
    approval: documentApproval(o.approval, `${field}.approval`, 'a questionnaire version'),
    reassessment: {
      dueWithin,
      remindBefore,
      escalateAfterDue: r.escalateAfterDue === undefined ? d.escalateAfterDue : duration(r.escalateAfterDue, `${field}.reassessment.escalateAfterDue`),
      escalateTo,
    },
  };
}

/**
 * Validates a policy already parsed from YAML or JSON and normalises it. The first problem
 * throws a PolicyValidationError naming the exact path, e.g. `tiers.high.approval.steps[1].quorum`.
 */
export function parseGovernancePolicy(raw: unknown): GovernancePolicy {
  const root = object(raw, '', ['version', 'organisation', 'tiers', 'pdca', 'managementReview', 'internalAudit', 'riskMatrix', 'soa', 'riskAcceptance', 'questionnaire', 'seriousIncidents']);
  if (root.version !== 1) fail('version', 'must be 1');
  const tiersRaw = root.tiers;
  if (typeof tiersRaw === 'object' && tiersRaw !== null && 'prohibited' in tiersRaw) {
    fail('tiers.prohibited', 'prohibited systems are always rejected and cannot be approved, so they have no policy');
  }
  const tiersObj = object(tiersRaw, 'tiers', [...APPROVABLE_RISK_TIERS]);
  const tiers = {} as Record<(typeof APPROVABLE_RISK_TIERS)[number], TierPolicy>;
  for (const tier of APPROVABLE_RISK_TIERS) {
    const field = `tiers.${tier}`;
    if (tiersObj[tier] === undefined) fail(field, 'is required (every approvable tier needs a policy)');
    const t = object(tiersObj[tier], field, ['approval', 'review', 'monitoring']);
    if (t.approval === undefined) fail(`${field}.approval`, 'is required');
    if (t.review === undefined) fail(`${field}.review`, 'is required');
    const tierApproval = approval(t.approval, `${field}.approval`);
    tiers[tier] = {
      approval: tierApproval,
      review: review(t.review, `${field}.review`, tierApproval.escalateTo),
      monitoring: monitoring(t.monitoring, `${field}.monitoring`),
    };
  }
  return {
    version: 1,
    organisation: organisation(root.organisation),
    tiers,
    pdca: pdca(root.pdca),
    managementReview: managementReview(root.managementReview),
    internalAudit: internalAudit(root.internalAudit),
    riskMatrix: parseRiskMatrix(root.riskMatrix),
    soa: soaApproval(root.soa),
    riskAcceptance: riskAcceptanceApproval(root.riskAcceptance),
    questionnaire: questionnaire(root.questionnaire),
    seriousIncidents: seriousIncidents(root.seriousIncidents),
  };
}
