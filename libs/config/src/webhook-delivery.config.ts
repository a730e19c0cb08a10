import { createHash, hkdfSync } from 'node:crypto';
import { DEFAULT_WEBHOOK_RETRY, WebhookRetryPolicy } from '@aigov/domain/webhooks/webhook-retry';
import { ConfigFail as Fail, isoDurationFromEnv as duration } from './iso-duration-env';

/**
 * Outbound webhooks (subscriptions and their deliveries), parsed once with the rest of the
 * configuration. Keys are never logged.
 */
export interface WebhookDeliveryConfig {
  /**
   * WEBHOOK_ALLOW_PRIVATE_DESTINATIONS=true lets subscriptions reach loopback, private,
   * link-local and other non-public addresses (local receivers, tests). Off by default: a
   * subscription must not turn the worker into a way into the internal network (SSRF).
   */
  allowPrivateDestinations: boolean;
  /** how long one POST may take, connection to last byte of the answer's head (WEBHOOK_REQUEST_TIMEOUT, ISO-8601) */
  requestTimeoutMs: number;
  /** backoff of failed deliveries (WEBHOOK_RETRY_INITIAL, WEBHOOK_RETRY_MAX_INTERVAL, WEBHOOK_RETRY_FOR) */
  retry: WebhookRetryPolicy;
  /** how often the dispatcher looks for new events while none arrive (WEBHOOK_DISPATCH_POLL, ISO-8601) */
  dispatchPollMs: number;
  /**
   * how long settled events, with their deliveries and attempts, are kept before the worker
   * deletes them (WEBHOOK_RETENTION, ISO-8601, default 30 days): a subscription's delivery log
   * covers that long, and the outbox stops growing; an event still retrying is kept whatever its age
   */
  retentionMs: number;
  /**
   * AES-256-GCM keys for subscription secrets at rest: the first encrypts, every one decrypts
   * (rotation: put the new key first, keep the old ones after it until every secret was
   * rotated). From WEBHOOK_SUBSCRIPTION_KEYS (comma-separated base64 of 32 bytes each); when unset,
   * one key derived from ACTION_LINK_SECRET, which `npm start` already persists, so the API and
   * the worker agree on it and it survives restarts without another variable.
   */
  secretKeys: WebhookSecretKey[];
}

export interface WebhookSecretKey {
  /** first 8 hex digits of the key's SHA-256: stored beside each ciphertext to pick the key */
  id: string;
  key: Buffer;
}

export function webhookSecretKeyOf(key: Buffer): WebhookSecretKey {
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

function secretKeys(env: NodeJS.ProcessEnv, actionLinkSecret: string, fail: Fail): WebhookSecretKey[] {
  const raw = env.WEBHOOK_SUBSCRIPTION_KEYS?.trim();
  if (!raw) {
    // Derived, not the action-link secret itself: one key per purpose.
    return [webhookSecretKeyOf(Buffer.from(hkdfSync('sha256', actionLinkSecret, 'aigov', 'webhook-subscription-secrets', 32)))];
  }
  return raw.split(',').map((part, i) => {
    const key = Buffer.from(part.trim(), 'base64');
    if (key.length !== 32) fail('WEBHOOK_SUBSCRIPTION_KEYS', `key ${i + 1} must be base64 of exactly 32 bytes (openssl rand -base64 32)`);
    return webhookSecretKeyOf(key);
  });
}

export function loadWebhookDeliveryConfig(env: NodeJS.ProcessEnv, actionLinkSecret: string, fail: Fail): WebhookDeliveryConfig {
  const flag = env.WEBHOOK_ALLOW_PRIVATE_DESTINATIONS?.trim().toLowerCase() || 'false';
  if (!['true', 'false'].includes(flag)) fail('WEBHOOK_ALLOW_PRIVATE_DESTINATIONS', `must be true or false, got '${flag}'`);
  const DAY = 86_400_000;
  const initialIntervalMs = duration(env, 'WEBHOOK_RETRY_INITIAL', DEFAULT_WEBHOOK_RETRY.initialIntervalMs, 10, DAY, fail);
  const maxIntervalMs = duration(env, 'WEBHOOK_RETRY_MAX_INTERVAL', DEFAULT_WEBHOOK_RETRY.maxIntervalMs, 10, 7 * DAY, fail);
  if (maxIntervalMs < initialIntervalMs) fail('WEBHOOK_RETRY_MAX_INTERVAL', 'must not be shorter than WEBHOOK_RETRY_INITIAL');
  return {
    allowPrivateDestinations: flag === 'true',
    requestTimeoutMs: duration(env, 'WEBHOOK_REQUEST_TIMEOUT', 10_000, 100, 120_000, fail),
    retry: { initialIntervalMs, maxIntervalMs, retryForMs: duration(env, 'WEBHOOK_RETRY_FOR', DEFAULT_WEBHOOK_RETRY.retryForMs, 0, 30 * DAY, fail) },
    dispatchPollMs: duration(env, 'WEBHOOK_DISPATCH_POLL', 1_000, 50, 60_000, fail),
    retentionMs: duration(env, 'WEBHOOK_RETENTION', 30 * DAY, 3_600_000, 3_650 * DAY, fail),
    secretKeys: secretKeys(env, actionLinkSecret, fail),
  };
}
