import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { WebhookSecretKey } from '@aigov/config/webhook-delivery.config';

/**
 * A webhook signing secret at rest (an outbound subscription's, or an inbound source's): AES-256-GCM under a key from the configuration,
 * stored as `v1.<key id>.<base64 of iv | tag | ciphertext>`. The key id picks the key among
 * those configured, so a new key can be put first while older secrets stay readable. The
 * subscription's id is the additional authenticated data: a ciphertext copied onto another
 * subscription's row does not decrypt.
 */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function sealWebhookSecret(keys: readonly WebhookSecretKey[], subscriptionId: string, secret: string): string {
  const [current] = keys;
  if (!current) throw new Error('no key to encrypt webhook secrets with');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', current.key, iv);
  cipher.setAAD(Buffer.from(subscriptionId));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${VERSION}.${current.id}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
}

export function openWebhookSecret(
  keys: readonly WebhookSecretKey[],
  subscriptionId: string,
  sealed: string,
  keysVariable = 'WEBHOOK_SUBSCRIPTION_KEYS',
): string {
  const [version, keyId, body] = sealed.split('.');
  if (version !== VERSION || !keyId || !body) throw new Error('not a sealed webhook secret');
  const key = keys.find((k) => k.id === keyId);
  // Names the key id only: which key is missing helps an operator, and says nothing of its value.
  if (!key) throw new Error(`webhook secret sealed with key ${keyId}, which is not configured (${keysVariable})`);
  const bytes = Buffer.from(body, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key.key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(subscriptionId));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
