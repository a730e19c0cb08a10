import type { LifecycleStage } from '../lifecycle-stage';
import { autonomyRank, SCOPE_LIST_OF_ACTION, type ScopeAction, type ScopeAutonomy, type ScopeDefinition } from './approved-scope';

/**
 * Why a request is denied, machine-readable (the `reason` of the answer and a metric label).
 * Listed in the order they are checked: the first that applies is the answer.
 */
export const DENY_REASONS = [
  /** no AI system with this id, or none runs this model */
  'unknown_system',
  /** the model name is used by several systems and the request did not say which */
  'ambiguous_model',
  /** registered but never deployed (design, assessment, approval, deployment) or rejected */
  'not_deployed',
  /** taken out of service by a rollback; nothing runs until a version is redeployed */
  'rolled_back',
  /** out of service with no version at all: suspended, or rolled back with no earlier approved version */
  'suspended',
  /** in retirement or retired */
  'retired',
  /** the version (or model version) the caller runs is not the approved version in operation */
  'version_not_approved',
  /** approved and running, but no scope was ever approved for it */
  'no_approved_scope',
  /** the caller asks to act with more autonomy than approved */
  'autonomy_exceeded',
  /** a target is not in the approved scope's list for the action */
  'outside_scope',
] as const;
export type DenyReason = (typeof DENY_REASONS)[number];

/** Stages in which the approved version is in service: authorize may allow. */
export const SERVING_STAGES: readonly LifecycleStage[] = ['operation', 'periodic_review'];

/** What the engine knows of the system at the moment of the request (one row, read per request). */
export interface RuntimeSnapshot {
  systemId: string;
  name: string;
  stage: LifecycleStage;
  /** the approved version in service; null when none (suspended, never deployed) */
  currentVersion: string | null;
  /** the model recorded for the running version's deployment, if one was recorded */
  runningModel: { name: string; version: string } | null;
  /** the approved scope in force, with its version and hash; null when none was ever approved */
  scope: (ScopeDefinition & { version: number; hash: string }) | null;
}

export interface AuthorizeQuestion {
  action: ScopeAction;
  /** what the action is applied to: data categories, tools or decisions (1..50) */
  targets: readonly string[];
  /** the system version label the caller runs, when it says */
  version?: string;
  /** the model the caller runs, when it says */
  model?: { name: string; version: string };
  /** the autonomy the caller means to act with, when it says */
  autonomy?: ScopeAutonomy;
}

export interface AllowAnswer {
  decision: 'allow';
  reason: 'inside_scope';
  message: string;
}

export interface DenyAnswer {
  decision: 'deny';
  reason: DenyReason;
  message: string;
  /** with outside_scope: the first target outside the scope */
  target?: string;
  /** with outside_scope: every target outside the scope, in the order asked */
  outsideScope?: string[];
}

export type AuthorizeAnswer = AllowAnswer | DenyAnswer;

const ACTION_WORDS: Record<ScopeAction, string> = { use_data: 'using data', call_tool: 'calling', take_decision: 'taking the decision' };
const LIST_WORDS: Record<ScopeAction, string> = { use_data: 'data categories', call_tool: 'tools, systems and agents', take_decision: 'decisions' };

const deny = (reason: DenyReason, message: string, extra: Partial<DenyAnswer> = {}): DenyAnswer => ({ decision: 'deny', reason, message, ...extra });

export function unknownSystemAnswer(reference: string): DenyAnswer {
  return deny('unknown_system', `no AI system is registered as ${reference}; an ungoverned system is denied everything`);
}

export function ambiguousModelAnswer(modelName: string, systems: number): DenyAnswer {
  return deny('ambiguous_model', `model '${modelName}' is used by ${systems} AI systems; name the system (systemId) the request is for`);
}

function notServing(s: RuntimeSnapshot): DenyAnswer | null {
  if (SERVING_STAGES.includes(s.stage)) return null;
  if (s.stage === 'rollback') {
    return s.currentVersion === null
      ? deny('suspended', `${s.name} is out of service with no version in service (suspended, or rolled back with no earlier approved version) until an approved version is deployed again`)
      : deny('rolled_back', `${s.name} was rolled back (to version ${s.currentVersion}) and is out of service until a version is redeployed`);
  }
  if (s.stage === 'retirement' || s.stage === 'retired') return deny('retired', `${s.name} is ${s.stage === 'retired' ? 'retired' : 'being retired'}: it may no longer act`);
  if (s.stage === 'rejected') return deny('not_deployed', `${s.name} was rejected at approval and never goes into operation`);
  return deny('not_deployed', `${s.name} is not in operation (stage '${s.stage}'): nothing it does is authorized before an approved version is deployed`);
}

function versionProblem(s: RuntimeSnapshot, q: AuthorizeQuestion): DenyAnswer | null {
  if (q.version !== undefined && q.version !== s.currentVersion) {
    return deny('version_not_approved', `version '${q.version}' is not the approved version in operation for ${s.name} (running: ${s.currentVersion ?? 'none'})`);
  }
  if (q.model) {
    const running = s.runningModel;
    if (!running) {
      const version = s.currentVersion ? ` (${s.currentVersion})` : '';
      return deny('version_not_approved', `no model is recorded for ${s.name}'s running version${version}, so model ${q.model.name} ${q.model.version} cannot be confirmed as approved`);
    }
    if (running.name !== q.model.name || running.version !== q.model.version) {
      return deny(
        'version_not_approved',
        `model ${q.model.name} ${q.model.version} is not the model of ${s.name}'s approved version in operation (${running.name} ${running.version})`,
      );
    }
  }
  return null;
}

/**
 * The answer to one runtime request, from one snapshot of the system: pure, so every reason is
 * tested without a server, and the same snapshot always gives the same answer. `system` null:
 * no system matched the request (the caller's reference is in the message).
 */
export function decideAuthorization(system: RuntimeSnapshot | null, q: AuthorizeQuestion, reference = 'this id'): AuthorizeAnswer {
  if (!system) return unknownSystemAnswer(reference);
  const problem = notServing(system) ?? versionProblem(system, q);
  if (problem) return problem;
  const scope = system.scope;
  if (!scope) {
    return deny('no_approved_scope', `${system.name} has no approved scope: propose one (registration, impact assessment or a material change of kind 'scope') and have it approved`);
  }
  if (q.autonomy !== undefined && autonomyRank(q.autonomy) > autonomyRank(scope.autonomy)) {
    return deny('autonomy_exceeded', `${system.name} is approved for '${scope.autonomy}' autonomy; acting '${q.autonomy}' is beyond it`);
  }
  const allowed = scope[SCOPE_LIST_OF_ACTION[q.action]];
  const outside = q.targets.filter((t) => !allowed.includes(t));
  if (outside.length) {
    const more = outside.length > 1 ? ` (and ${outside.length - 1} more: ${outside.slice(1, 6).join(', ')}${outside.length > 6 ? ', …' : ''})` : '';
    return deny(
      'outside_scope',
      `${ACTION_WORDS[q.action]} '${outside[0]}' is outside the approved scope of ${system.name} (scope version ${scope.version}: ${allowed.length} ${LIST_WORDS[q.action]} allowed)${more}`,
      { target: outside[0], outsideScope: outside },
    );
  }
  const what = q.targets.length === 1 ? `'${q.targets[0]}'` : `${q.targets.length} ${LIST_WORDS[q.action]}`;
  return {
    decision: 'allow',
    reason: 'inside_scope',
    message: `${ACTION_WORDS[q.action]} ${what} is inside the approved scope of ${system.name} (scope version ${scope.version}, autonomy '${scope.autonomy}')`,
  };
}
