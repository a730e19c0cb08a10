import { createHmac, randomUUID } from 'node:crypto';

/**
 * Deliveries built and signed as MLflow's own delivery code builds them (mlflow/webhooks/
 * delivery.py, MLflow 3.3+), written out here line by line rather than through the engine's
 * signing code, so the receiver is checked against an independent computation. MLflow itself
 * (Python) could not be installed where this was written; test/fixtures/mlflow holds vectors made
 * by a standard-library transcription of the same code, which the unit spec checks too.
 */

/**
 * Python's `json.dumps(value)` with its defaults, as MLflow calls it: separators `', '` and
 * `': '`, keys in insertion order, `ensure_ascii=True` (every character outside space..`~` as
 * `\uXXXX`, lower-case hex, astral characters as surrogate pairs).
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : JSON.stringify(value);
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
}

/** `datetime.now(timezone.utc).isoformat()`: microseconds and `+00:00`. */
export function pythonUtcIsoformat(at: Date): string {
  return at.toISOString().replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms}000+00:00`);
}

export interface MlflowDelivery {
  body: string;
  headers: Record<string, string>;
  deliveryId: string;
}

/**
 * One delivery: `_send_webhook_request` (the envelope, json.dumps, a uuid4 delivery id, the
 * whole-second timestamp) and `_generate_hmac_signature` (HMAC-SHA256 keyed with
 * `secret.encode("utf-8")` over `f"{delivery_id}.{timestamp}.{payload}".encode("utf-8")`,
 * `"v1," + base64`). `at` moves the clock (stale or future timestamps); `deliveryId` replays one.
 */
export function mlflowDelivery(
  secret: string,
  event: { entity: string; action: string; data: Record<string, unknown> | null },
  opts: { at?: Date; deliveryId?: string } = {},
): MlflowDelivery {
  const at = opts.at ?? new Date();
  const webhookPayload = { entity: event.entity, action: event.action, timestamp: pythonUtcIsoformat(at), data: event.data };
  return signedLikeMlflow(secret, pythonJsonDumps(webhookPayload), opts);
}

/** Any body (malformed JSON too) with MLflow's headers and signature over it, as `_generate_hmac_signature` computes it. */
export function signedLikeMlflow(secret: string, payloadJson: string, opts: { at?: Date; deliveryId?: string } = {}): MlflowDelivery {
  const at = opts.at ?? new Date();
  const deliveryId = opts.deliveryId ?? randomUUID();
  const unixTimestamp = String(Math.floor(at.getTime() / 1000));
  const signedContent = `${deliveryId}.${unixTimestamp}.${payloadJson}`;
  const signature = createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(signedContent, 'utf8')).digest().toString('base64');
  return {
    body: payloadJson,
    deliveryId,
    headers: {
      // Lower case, as the harness's api() spells it, so the request carries it once (HTTP header names ignore case).
      'content-type': 'application/json',
      'X-MLflow-Delivery-Id': deliveryId,
      'X-MLflow-Timestamp': unixTimestamp,
      'X-MLflow-Signature': `v1,${signature}`,
    },
  };
}

/** The data MLflow's handlers send for each event (mlflow/server/handlers.py), with MLflow's field names. */
export const mlflowEvents = {
  versionCreated: (name: string, version: string, extra: Partial<{ source: string; run_id: string | null; tags: Record<string, string>; description: string | null }> = {}) => ({
    entity: 'model_version',
    action: 'created',
    data: { name, version, source: extra.source ?? `models:/m-${version}`, run_id: extra.run_id ?? `run${version}abcd1234`, tags: extra.tags ?? {}, description: extra.description ?? null },
  }),
  aliasCreated: (name: string, alias: string, version: string) => ({ entity: 'model_version_alias', action: 'created', data: { name, alias, version } }),
  aliasDeleted: (name: string, alias: string) => ({ entity: 'model_version_alias', action: 'deleted', data: { name, alias } }),
  registeredModelCreated: (name: string) => ({ entity: 'registered_model', action: 'created', data: { name, tags: {}, description: null } }),
  tagSet: (name: string, version: string, key: string, value: string) => ({ entity: 'model_version_tag', action: 'set', data: { name, version, key, value } }),
};
