import { hkdfSync } from 'node:crypto';
import { ConfigError } from './app-config';

/**
 * The inbound monitoring webhook's settings. Each webhook source has its own signing secret,
 * which the API needs in clear to check an HMAC; it is kept encrypted (AES-256-GCM) under the
 * key from WEBHOOK_SECRET_KEY, so a copy of the database alone signs nothing. Unset, the key is
 * derived from ACTION_LINK_SECRET (HKDF with a label of its own), which every deployment already
 * keeps secret and `npm start` persists; set WEBHOOK_SECRET_KEY to rotate the two apart.
 */

/** How far a delivery's webhook-timestamp may be from our clock, either way (Standard Webhooks). */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

const WEBHOOK_SECRET_KEY_INFO = 'aigov webhook source secrets v1';

/** WEBHOOK_SECRET_KEY: 32 bytes in base64; null when unset (then derived, see webhookSourceKey). */
export function loadWebhookSecretKey(env: NodeJS.ProcessEnv): Buffer | null {
  const raw = env.WEBHOOK_SECRET_KEY?.trim();
  if (!raw) return null;
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) || /^[A-Za-z0-9_-]+$/.test(raw) ? Buffer.from(raw, /[-_]/.test(raw) ? 'base64url' : 'base64') : Buffer.alloc(0);
  if (key.length !== 32) throw new ConfigError('WEBHOOK_SECRET_KEY', 'must be 32 random bytes in base64 (openssl rand -base64 32)');
  return key;
}

/** The key that encrypts webhook sources' secrets at rest. */
export function webhookSourceKey(config: { webhookSecretKey: Buffer | null; actionLinkSecret: string }): Buffer {
  if (config.webhookSecretKey) return config.webhookSecretKey;
  return Buffer.from(hkdfSync('sha256', config.actionLinkSecret, Buffer.alloc(0), WEBHOOK_SECRET_KEY_INFO, 32));
}

/**
 * Deprecated: the one shared secret of POST /monitoring/webhook (header X-Monitoring-Secret),
 * honoured only with MONITORING_WEBHOOK_LEGACY=true; otherwise null and that route refuses.
 */
export function loadLegacyMonitoringWebhookSecret(env: NodeJS.ProcessEnv): string | null {
  const raw = env.MONITORING_WEBHOOK_LEGACY?.trim().toLowerCase();
  if (raw && raw !== 'true' && raw !== 'false') throw new ConfigError('MONITORING_WEBHOOK_LEGACY', `must be true or false, got '${raw.slice(0, 20)}'`);
  if (raw !== 'true') return null;
  const secret = env.MONITORING_WEBHOOK_SECRET?.trim();
  if (!secret) throw new ConfigError('MONITORING_WEBHOOK_SECRET', 'is required when MONITORING_WEBHOOK_LEGACY=true');
  if (secret.length < 16) throw new ConfigError('MONITORING_WEBHOOK_SECRET', 'must be at least 16 characters');
  return secret;
}
