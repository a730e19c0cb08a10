import {
  ApprovalPolicy,
  ApprovalStepPolicy,
  ApproverSelector,
  GovernancePolicy,
  PolicyValidationError,
  Quorum,
  ReviewPolicy,
  TierPolicy,
  USER_ROLES,
  UserRole,
} from './governance-policy.types';
import { isIsoDuration, isoDurationToApproxMs } from './iso-duration';
import { APPROVABLE_RISK_TIERS } from './risk-tier';

type Obj = Record<string, unknown>;

const fail = (field: string, reason: string): never => {
  throw new PolicyValidationError(field, reason);
};

function object(value: unknown, field: string, allowed: string[]): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'must be a mapping');
  // Unknown keys are errors: a typo such as `quorom` must not silently fall back to a default.
  for (const key of Object.keys(value as Obj)) {
    if (!allowed.includes(key)) fail(`${field ? `${field}.` : ''}${key}`, `is not a known setting (expected one of: ${allowed.join(', ')})`);
  }
  return value as Obj;
}

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

function review(value: unknown, field: string): ReviewPolicy {
  const o = object(value, field, ['cadence', 'dueWithin']);
  if (o.cadence === undefined) fail(`${field}.cadence`, 'is required');
  if (o.dueWithin === undefined) fail(`${field}.dueWithin`, 'is required');
  return { cadence: duration(o.cadence, `${field}.cadence`), dueWithin: duration(o.dueWithin, `${field}.dueWithin`) };
}

/**
 * Validates a policy already parsed from YAML or JSON and normalises it. The first problem
 * throws a PolicyValidationError naming the exact path, e.g. `tiers.high.approval.steps[1].quorum`.
 */
export function parseGovernancePolicy(raw: unknown): GovernancePolicy {
  const root = object(raw, '', ['version', 'tiers']);
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
    const t = object(tiersObj[tier], field, ['approval', 'review']);
    if (t.approval === undefined) fail(`${field}.approval`, 'is required');
    if (t.review === undefined) fail(`${field}.review`, 'is required');
    tiers[tier] = { approval: approval(t.approval, `${field}.approval`), review: review(t.review, `${field}.review`) };
  }
  return { version: 1, tiers };
}
