import { SCOPE_ACTIONS, SCOPE_AUTONOMY_LEVELS, SCOPE_ENTRY_PATTERN, type ScopeAction, type ScopeAutonomy } from '@aigov/domain/scope/approved-scope';
import { AUTHORIZE_MAX_TARGETS, AUTHORIZE_VERSION_PATTERN } from './authorize.dto';

/** What the fast lane answers: a request that names its system by id (the model, if given, is checked against it). */
export interface FastLaneRequest {
  systemId: string;
  model?: { name: string; version: string };
  version?: string;
  action: ScopeAction;
  targets: string[];
  autonomy?: ScopeAutonomy;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const KEYS = new Set(['systemId', 'model', 'version', 'action', 'targets', 'autonomy']);
/** Model names and versions in the fast lane: printable ASCII, so no NUL or lone surrogate can slip past (IsStorableText). */
const MODEL_NAME = /^[\x20-\x7e]{1,200}$/;
const MODEL_VERSION = /^[\x20-\x7e]{1,100}$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function optionalMatch(value: unknown, pattern: RegExp): boolean {
  return value === undefined || (typeof value === 'string' && pattern.test(value));
}

/**
 * The body as the fast lane may answer it, or null to hand the request to the full route
 * (authorize.controller.ts), whose validation pipe answers every malformed body with its 400
 * and the field. So this is deliberately narrower than AuthorizeRequestDto, never wider:
 * anything it accepts the DTO accepts (fast-lane-request.spec.ts checks that against
 * class-validator on generated bodies), and anything unusual (a request by model name alone,
 * non-ASCII model names, an unknown key) simply takes the long way with the same answer.
 */
export function fastLaneRequest(body: unknown): FastLaneRequest | null {
  if (!isPlainObject(body)) return null;
  for (const key of Object.keys(body)) if (!KEYS.has(key)) return null;
  const { systemId, model, version, action, targets, autonomy } = body;
  if (typeof systemId !== 'string' || !UUID.test(systemId)) return null;
  if (typeof action !== 'string' || !(SCOPE_ACTIONS as readonly string[]).includes(action)) return null;
  if (!Array.isArray(targets) || targets.length < 1 || targets.length > AUTHORIZE_MAX_TARGETS) return null;
  for (const target of targets) if (typeof target !== 'string' || !SCOPE_ENTRY_PATTERN.test(target)) return null;
  if (!optionalMatch(version, AUTHORIZE_VERSION_PATTERN)) return null;
  if (autonomy !== undefined && !(typeof autonomy === 'string' && (SCOPE_AUTONOMY_LEVELS as readonly string[]).includes(autonomy))) return null;
  let named: FastLaneRequest['model'];
  if (model !== undefined) {
    if (!isPlainObject(model) || Object.keys(model).length !== 2) return null;
    if (typeof model.name !== 'string' || !MODEL_NAME.test(model.name) || typeof model.version !== 'string' || !MODEL_VERSION.test(model.version)) return null;
    named = { name: model.name, version: model.version };
  }
  return {
    systemId,
    ...(named ? { model: named } : {}),
    ...(version !== undefined ? { version: version as string } : {}),
    action: action as ScopeAction,
    targets: targets as string[],
    ...(autonomy !== undefined ? { autonomy: autonomy as ScopeAutonomy } : {}),
  };
}
