import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The Standard Webhooks signature scheme (https://www.standardwebhooks.com), written here so
 * the engine signs what it sends and verifies what it receives with one implementation, and the
 * tests check both directions with the `standardwebhooks` package, which nobody here wrote.
 *
 * - A secret is `whsec_` followed by base64 of at least 24 random bytes; the HMAC key is the
 *   decoded bytes.
 * - The signed content is `${webhook-id}.${webhook-timestamp}.${body}` with the timestamp in
 *   whole seconds since the epoch.
 * - `webhook-signature` holds one or more space-separated `v1,<base64 HMAC-SHA256>`, so a
 *   sender rotating its secret can sign with both for a while.
 */

export const SECRET_PREFIX = 'whsec_';
/** How far a delivery's timestamp may be from our clock, either way. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;
const MIN_SECRET_BYTES = 24;

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export type SignatureFailure =
  | 'missing_headers'
  | 'bad_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_in_future'
  | 'no_matching_signature';

export class WebhookSignatureError extends Error {
  constructor(
    readonly reason: SignatureFailure,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

/** The key bytes of a `whsec_` secret; refuses anything shorter than 24 bytes. */
export function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
    throw new Error('a webhook secret is whsec_ followed by base64');
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length < MIN_SECRET_BYTES) {
    throw new Error(`a webhook secret must hold at least ${MIN_SECRET_BYTES} bytes`);
  }
  return key;
}

/** A new secret in the scheme's format, from bytes the caller draws (crypto.randomBytes(32)). */
export function formatSecret(randomBytes: Buffer): string {
  if (randomBytes.length < MIN_SECRET_BYTES) {
    throw new Error(`a webhook secret must hold at least ${MIN_SECRET_BYTES} bytes`);
  }
  return SECRET_PREFIX + randomBytes.toString('base64');
}

function hmac(key: Buffer, id: string, timestampSeconds: number, body: string | Buffer): Buffer {
  return createHmac('sha256', key)
    .update(`${id}.${timestampSeconds}.`)
    .update(body)
    .digest();
}

/** The three headers for a delivery; `secrets` signs with each (rotation). */
export function signWebhook(
  secrets: string | readonly string[],
  id: string,
  timestamp: Date,
  body: string | Buffer,
): WebhookHeaders {
  const seconds = Math.floor(timestamp.getTime() / 1000);
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  if (list.length === 0) throw new Error('signWebhook needs at least one secret');
  const signatures = list.map(
    (secret) => `v1,${hmac(secretKey(secret), id, seconds, body).toString('base64')}`,
  );
  return {
    'webhook-id': id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': signatures.join(' '),
  };
}

export interface VerifyOptions {
  now: Date;
  toleranceSeconds?: number;
}

/**
 * Checks a delivery against any of `secrets` (a source rotating its secret keeps the old one for
 * a while). Throws WebhookSignatureError with the reason; returns the id and timestamp, so the
 * caller can refuse an id it has seen before (replay inside the window).
 */
export function verifyWebhook(
  secrets: readonly string[],
  headers: Partial<Record<keyof WebhookHeaders, string | string[] | undefined>>,
  body: string | Buffer,
  options: VerifyOptions,
): { id: string; timestamp: Date } {
  const id = single(headers['webhook-id']);
  const timestampText = single(headers['webhook-timestamp']);
  const signatureText = single(headers['webhook-signature']);
  if (!id || !timestampText || !signatureText) {
    throw new WebhookSignatureError(
      'missing_headers',
      'webhook-id, webhook-timestamp and webhook-signature are all required',
    );
  }
  if (!/^\d{1,12}$/.test(timestampText)) {
    throw new WebhookSignatureError('bad_timestamp', 'webhook-timestamp must be whole seconds since the epoch');
  }
  const seconds = Number(timestampText);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  if (nowSeconds - seconds > tolerance) {
    throw new WebhookSignatureError('timestamp_too_old', `webhook-timestamp is more than ${tolerance} s old`);
  }
  if (seconds - nowSeconds > tolerance) {
    throw new WebhookSignatureError(
      'timestamp_in_future',
      `webhook-timestamp is more than ${tolerance} s in the future`,
    );
  }
  const offered = signatureText
    .split(' ')
    .filter((part) => part.startsWith('v1,'))
    .map((part) => Buffer.from(part.slice(3), 'base64'));
  for (const secret of secrets) {
    const expected = hmac(secretKey(secret), id, seconds, body);
    if (offered.some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected))) {
      return { id, timestamp: new Date(seconds * 1000) };
    }
  }
  throw new WebhookSignatureError('no_matching_signature', 'no webhook-signature matches this body and secret');
}

function single(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
  return value;
}
