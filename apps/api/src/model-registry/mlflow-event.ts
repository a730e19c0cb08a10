import type { ModelRegistryFacts } from '@aigov/domain/model-registry';

/**
 * MLflow model registry webhook deliveries, read from the parsed JSON body. The shapes are
 * MLflow's own (mlflow/webhooks/types.py, mlflow/server/handlers.py, mlflow/entities/webhook.py):
 *
 *   { "entity": "model_version", "action": "created",
 *     "timestamp": "2025-07-31T08:27:32.080217+00:00",            (datetime.now(timezone.utc).isoformat())
 *     "data": { "name": ..., "version": "1", "source": ..., "run_id": ... | null,
 *               "tags": { ... }, "description": ... | null },
 *     "workspace": ... }                                            (only with MLflow workspaces on)
 *
 * Handled here: registered_model.created, model_version.created, model_version_tag.set and
 * .deleted, model_version_alias.created and .deleted. MLflow also sends prompt and budget
 * events; they are refused as events this receiver does not handle (422), as is anything else.
 * A reassigned alias arrives as model_version_alias.created again (MLflow has no "updated").
 */

export const HANDLED_MLFLOW_EVENTS = [
  'registered_model.created',
  'model_version.created',
  'model_version_tag.set',
  'model_version_tag.deleted',
  'model_version_alias.created',
  'model_version_alias.deleted',
] as const;
export type MlflowEventName = (typeof HANDLED_MLFLOW_EVENTS)[number];

interface Common {
  /** the registered model's name, exactly as MLflow sends it (names are case-sensitive) */
  name: string;
  /** when MLflow sent it (the envelope's timestamp) */
  sentAt: Date;
  workspace: string | null;
}

export type MlflowEvent = Common &
  (
    | { event: 'registered_model.created'; tags: Record<string, string>; description: string | null }
    | { event: 'model_version.created'; version: string; source: string; runId: string | null; tags: Record<string, string>; description: string | null }
    | { event: 'model_version_tag.set'; version: string; key: string; value: string }
    | { event: 'model_version_tag.deleted'; version: string; key: string }
    | { event: 'model_version_alias.created'; version: string; alias: string }
    | { event: 'model_version_alias.deleted'; alias: string }
  );

/** A refused delivery body: 400 when it is not MLflow's shape, 422 when it is an event not handled here. */
export interface MlflowEventProblem {
  status: 400 | 422;
  field: string;
  message: string;
}

export type MlflowEventParse = { ok: true; event: MlflowEvent } | { ok: false; problem: MlflowEventProblem };

/** Bounds well above MLflow's own (registered model names are VARCHAR(256) in its SQL store). */
const MAX_NAME = 256;
const MAX_SOURCE = 4000;
const MAX_DESCRIPTION = 5000;
const MAX_TAG_KEY = 250;
const MAX_TAG_VALUE = 5000;
const MAX_TAGS = 200;
/** MLflow's versions are positive integers, sent as strings (`str(model_version.version)`). */
const VERSION = /^[1-9][0-9]{0,9}$/;
/** mlflow/utils/validation.py: `^[\w\-]*$`, at most 255 characters. */
const ALIAS = /^[\p{L}\p{N}_-]{1,255}$/u;
const ISO_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

class Refused extends Error {
  constructor(readonly problem: MlflowEventProblem) {
    super(problem.message);
  }
}

const bad = (field: string, message: string): never => {
  throw new Refused({ status: 400, field, message });
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text PostgreSQL can store (no NUL, no lone surrogate), of 1..max characters unless empty is allowed. */
function text(value: unknown, field: string, max: number, allowEmpty = false): string {
  if (typeof value !== 'string') return bad(field, `${field} must be a string`);
  if (!allowEmpty && value.length === 0) return bad(field, `${field} must not be empty`);
  if (value.length > max) return bad(field, `${field} must be at most ${max} characters`);
  if (value.includes('\u0000') || LONE_SURROGATE.test(value)) return bad(field, `${field} must not contain NUL characters or unpaired surrogates`);
  return value;
}

function optionalText(value: unknown, field: string, max: number): string | null {
  return value === undefined || value === null ? null : text(value, field, max, true);
}

function version(value: unknown, field: string): string {
  if (typeof value !== 'string' || !VERSION.test(value)) return bad(field, `${field} must be a model version number as MLflow sends it (a string such as "3")`);
  return value;
}

function tags(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) return bad(field, `${field} must be an object of tag keys to string values`);
  const entries = Object.entries(value);
  if (entries.length > MAX_TAGS) return bad(field, `${field} must hold at most ${MAX_TAGS} tags`);
  const out: Record<string, string> = {};
  for (const [key, tagValue] of entries) {
    text(key, `${field} key`, MAX_TAG_KEY);
    out[key] = text(tagValue, `${field}.${key.slice(0, 40)}`, MAX_TAG_VALUE, true);
  }
  return out;
}

function sentAt(value: unknown): Date {
  const raw = text(value, 'timestamp', 64);
  const match = ISO_TIME.exec(raw);
  // Python's isoformat() gives microseconds; Date keeps milliseconds.
  const date = match ? new Date(`${match[1]}${(match[2] ?? '').slice(0, 4)}${match[3] ?? 'Z'}`) : new Date(NaN);
  if (Number.isNaN(date.getTime())) return bad('timestamp', 'timestamp must be an ISO 8601 date-time, as MLflow sends it');
  return date;
}

/** Reads one delivery body; never throws. */
export function parseMlflowEvent(body: unknown): MlflowEventParse {
  try {
    return { ok: true, event: read(body) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problem: error.problem };
    throw error;
  }
}

function read(body: unknown): MlflowEvent {
  if (!isObject(body)) return bad('body', 'the body must be the JSON object MLflow sends (entity, action, timestamp, data)');
  const entity = text(body.entity, 'entity', 100);
  const action = text(body.action, 'action', 100);
  const event = `${entity}.${action}`;
  if (!(HANDLED_MLFLOW_EVENTS as readonly string[]).includes(event)) {
    throw new Refused({
      status: 422,
      field: 'entity',
      message: `MLflow event '${event.slice(0, 120)}' is not handled here; subscribe the webhook to ${HANDLED_MLFLOW_EVENTS.join(', ')}`,
    });
  }
  const common = {
    sentAt: sentAt(body.timestamp),
    workspace: optionalText(body.workspace, 'workspace', MAX_NAME),
  };
  if (!isObject(body.data)) return bad('data', 'data must be an object');
  const data = body.data;
  const name = text(data.name, 'data.name', MAX_NAME);
  switch (event as MlflowEventName) {
    case 'registered_model.created':
      return { ...common, event: 'registered_model.created', name, tags: tags(data.tags, 'data.tags'), description: optionalText(data.description, 'data.description', MAX_DESCRIPTION) };
    case 'model_version.created':
      return {
        ...common,
        event: 'model_version.created',
        name,
        version: version(data.version, 'data.version'),
        source: text(data.source, 'data.source', MAX_SOURCE),
        runId: optionalText(data.run_id, 'data.run_id', MAX_NAME),
        tags: tags(data.tags, 'data.tags'),
        description: optionalText(data.description, 'data.description', MAX_DESCRIPTION),
      };
    case 'model_version_tag.set':
      return {
        ...common,
        event: 'model_version_tag.set',
        name,
        version: version(data.version, 'data.version'),
        key: text(data.key, 'data.key', MAX_TAG_KEY),
        value: text(data.value, 'data.value', MAX_TAG_VALUE, true),
      };
    case 'model_version_tag.deleted':
      return { ...common, event: 'model_version_tag.deleted', name, version: version(data.version, 'data.version'), key: text(data.key, 'data.key', MAX_TAG_KEY) };
    case 'model_version_alias.created':
      return { ...common, event: 'model_version_alias.created', name, version: version(data.version, 'data.version'), alias: alias(data.alias) };
    case 'model_version_alias.deleted':
      return { ...common, event: 'model_version_alias.deleted', name, alias: alias(data.alias) };
  }
}

function alias(value: unknown): string {
  if (typeof value !== 'string' || !ALIAS.test(value)) return bad('data.alias', 'data.alias must be an MLflow alias name (letters, digits, _ and -, at most 255)');
  return value;
}

/** The registry's facts of an event as stored and shown: MLflow's field names, nothing else. */
export function factsOf(event: MlflowEvent): ModelRegistryFacts {
  switch (event.event) {
    case 'registered_model.created':
      return { name: event.name, tags: event.tags, description: event.description };
    case 'model_version.created':
      return { name: event.name, version: event.version, source: event.source, run_id: event.runId, tags: event.tags, description: event.description };
    case 'model_version_tag.set':
      return { name: event.name, version: event.version, key: event.key, value: event.value };
    case 'model_version_tag.deleted':
      return { name: event.name, version: event.version, key: event.key };
    case 'model_version_alias.created':
      return { name: event.name, alias: event.alias, version: event.version };
    case 'model_version_alias.deleted':
      return { name: event.name, alias: event.alias };
  }
}
