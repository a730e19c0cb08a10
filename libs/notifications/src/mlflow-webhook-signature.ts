import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * MLflow's model registry webhook signature (MLflow 3.3 and later), checked on our side.
 * The facts, from MLflow's own code and documentation (mlflow/webhooks/delivery.py,
 * mlflow/webhooks/constants.py, docs/docs/classic-ml/webhooks/index.mdx):
 *
 * - headers `X-MLflow-Delivery-Id` (a uuid4 per delivery), `X-MLflow-Timestamp` (whole seconds
 *   since the epoch, `str(int(time.time()))`) and, when the webhook has a secret,
 *   `X-MLflow-Signature`;
 * - the signature is `v1,` followed by base64 of HMAC-SHA256 over the UTF-8 bytes of
 *   `${delivery_id}.${timestamp}.${payload}`, keyed with the UTF-8 bytes of the secret as
 *   given to `create_webhook(secret=...)`. Unlike Standard Webhooks, MLflow does not
 *   base64-decode a `whsec_` secret: the whole string is the key;
 * - the payload is exactly the request body (`json.dumps(envelope)` sent as its UTF-8 bytes), so
 *   the check runs over the raw bytes received, never over re-serialised JSON.
 *
 * MLflow's documentation recommends refusing timestamps older than 5 minutes; we refuse them
 * more than the tolerance away either way (a clock ahead of ours by more than that is refused too).
 */

export const MLFLOW_DELIVERY_ID_HEADER = 'x-mlflow-delivery-id';
export const MLFLOW_TIMESTAMP_HEADER = 'x-mlflow-timestamp';
export const MLFLOW_SIGNATURE_HEADER = 'x-mlflow-signature';
const SIGNATURE_VERSION = 'v1';

export interface MlflowWebhookHeaders {
  [MLFLOW_DELIVERY_ID_HEADER]: string;
  [MLFLOW_TIMESTAMP_HEADER]: string;
  [MLFLOW_SIGNATURE_HEADER]: string;
}

export type MlflowSignatureFailure = 'missing_headers' | 'bad_timestamp' | 'timestamp_too_old' | 'timestamp_in_future' | 'no_matching_signature';

export class MlflowSignatureError extends Error {
  constructor(
    readonly reason: MlflowSignatureFailure,
    message: string,
  ) {
    super(message);
    this.name = 'MlflowSignatureError';
  }
}

function hmac(secret: string, deliveryId: string, timestamp: string, body: string | Buffer): Buffer {
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(Buffer.from(`${deliveryId}.${timestamp}.`, 'utf8'))
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest();
}

/** The `X-MLflow-Signature` value MLflow would send for this delivery (used by tests and the README's example). */
export function mlflowSignature(secret: string, deliveryId: string, timestamp: string, body: string | Buffer): string {
  return `${SIGNATURE_VERSION},${hmac(secret, deliveryId, timestamp, body).toString('base64')}`;
}

/** The three headers of a delivery at `at`, signed as MLflow signs it. */
export function signMlflowDelivery(secret: string, deliveryId: string, at: Date, body: string | Buffer): MlflowWebhookHeaders {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return {
    [MLFLOW_DELIVERY_ID_HEADER]: deliveryId,
    [MLFLOW_TIMESTAMP_HEADER]: timestamp,
    [MLFLOW_SIGNATURE_HEADER]: mlflowSignature(secret, deliveryId, timestamp, body),
  };
}

/**
 * Checks a delivery against any of `secrets` (during a rotation the old one is still valid):
 * all three headers present, the timestamp within `toleranceSeconds` of `now`, then a `v1,`
 * signature equal, in constant time, to the one computed over the raw body. Throws
 * MlflowSignatureError with the reason; returns the delivery id and time for the replay check.
 */
export function verifyMlflowDelivery(
  secrets: readonly string[],
  headers: Partial<Record<keyof MlflowWebhookHeaders, string | string[] | undefined>>,
  body: Buffer | string,
  options: { now: Date; toleranceSeconds: number },
): { deliveryId: string; timestamp: Date } {
  const deliveryId = single(headers[MLFLOW_DELIVERY_ID_HEADER]);
  const timestamp = single(headers[MLFLOW_TIMESTAMP_HEADER]);
  const signature = single(headers[MLFLOW_SIGNATURE_HEADER]);
  if (!deliveryId || !timestamp || !signature) {
    throw new MlflowSignatureError(
      'missing_headers',
      'X-MLflow-Delivery-Id, X-MLflow-Timestamp and X-MLflow-Signature are all required (create the MLflow webhook with the secret shown when the source was made)',
    );
  }
  if (!/^\d{1,12}$/.test(timestamp)) throw new MlflowSignatureError('bad_timestamp', 'X-MLflow-Timestamp must be whole seconds since the epoch');
  const seconds = Number(timestamp);
  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  if (nowSeconds - seconds > options.toleranceSeconds) {
    throw new MlflowSignatureError('timestamp_too_old', `X-MLflow-Timestamp is more than ${options.toleranceSeconds} s old`);
  }
  if (seconds - nowSeconds > options.toleranceSeconds) {
    throw new MlflowSignatureError('timestamp_in_future', `X-MLflow-Timestamp is more than ${options.toleranceSeconds} s in the future`);
  }
  // MLflow sends one `v1,<base64>`; several space-separated ones are accepted as Standard Webhooks allows.
  const offered = signature
    .split(' ')
    .filter((part) => part.startsWith(`${SIGNATURE_VERSION},`))
    .map((part) => Buffer.from(part.slice(SIGNATURE_VERSION.length + 1), 'base64'));
  for (const secret of secrets) {
    // The timestamp is signed as the header spells it: MLflow signs the very string it sends.
    const expected = hmac(secret, deliveryId, timestamp, body);
    if (offered.some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected))) {
      return { deliveryId, timestamp: new Date(seconds * 1000) };
    }
  }
  throw new MlflowSignatureError('no_matching_signature', 'X-MLflow-Signature does not match this body and the source\'s secret');
}

function single(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
  return value;
}
