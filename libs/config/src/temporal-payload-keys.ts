// A cycle with app-config.ts, harmless: ConfigError is only used when a value is refused, long after both loaded.
import { ConfigError } from './app-config';

/**
 * The AES-256 keys Temporal payloads are encrypted with (libs/temporal/src/payload-encryption.codec.ts).
 * The first key encrypts; every key decrypts, so a rotation adds a key without losing what the
 * older ones wrote. Ids are written into each payload's metadata, so they are not secret; keys are.
 */
export interface TemporalPayloadKeys {
  /** the id new payloads are encrypted with: the first in TEMPORAL_PAYLOAD_KEYS */
  readonly encryptionKeyId: string;
  /** every key by id, the encrypting one included; each 32 bytes */
  readonly keys: ReadonlyMap<string, Buffer>;
}

export const PAYLOAD_KEYS_VARIABLE = 'TEMPORAL_PAYLOAD_KEYS';
export const PAYLOAD_ENCRYPTION_VARIABLE = 'TEMPORAL_PAYLOAD_ENCRYPTION';

/** Short, printable, no separators: it is stored in every payload and shown in errors. */
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Parses `id:base64key[,id:base64key...]` (standard or URL-safe base64 of 32 random bytes,
 * e.g. `openssl rand -base64 32`). Errors name the entry by position or id, never a key.
 */
export function parsePayloadKeys(raw: string, variable = PAYLOAD_KEYS_VARIABLE): TemporalPayloadKeys {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new ConfigError(variable, 'needs at least one key as id:base64key');
  const keys = new Map<string, Buffer>();
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon).trim() : '';
    const encoded = colon > 0 ? entry.slice(colon + 1).trim() : '';
    if (!id || !encoded) throw new ConfigError(variable, `entry ${index + 1} is not id:base64key`);
    if (!KEY_ID.test(id)) throw new ConfigError(variable, `key id '${id.slice(0, 64)}' must be 1-64 letters, digits, '.', '_' or '-'`);
    if (keys.has(id)) throw new ConfigError(variable, `key id '${id}' appears twice`);
    const key = BASE64.test(encoded) ? Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64') : Buffer.alloc(0);
    if (key.length !== 32) throw new ConfigError(variable, `key '${id}' must be 32 bytes in base64 (openssl rand -base64 32), got ${key.length} bytes`);
    keys.set(id, key);
  });
  return { encryptionKeyId: [...keys.keys()][0], keys };
}

/**
 * On when keys are configured. Without keys: production refuses to start (history would hold
 * names and emails in plain text) unless TEMPORAL_PAYLOAD_ENCRYPTION=off says that is meant;
 * elsewhere it is off (tests and ad-hoc runs; `npm start` generates and passes a key).
 */
export function payloadKeysFromEnv(env: NodeJS.ProcessEnv): TemporalPayloadKeys | null {
  const mode = env[PAYLOAD_ENCRYPTION_VARIABLE]?.trim().toLowerCase() || 'auto';
  if (mode !== 'auto' && mode !== 'off') throw new ConfigError(PAYLOAD_ENCRYPTION_VARIABLE, `must be 'auto' or 'off', got '${mode.slice(0, 20)}'`);
  if (mode === 'off') return null;
  const raw = env[PAYLOAD_KEYS_VARIABLE]?.trim();
  if (raw) return parsePayloadKeys(raw);
  if (env.NODE_ENV === 'production') {
    throw new ConfigError(PAYLOAD_KEYS_VARIABLE, `is required in production (or set ${PAYLOAD_ENCRYPTION_VARIABLE}=off to keep workflow payloads in plain text)`);
  }
  return null;
}

/** A new key entry for TEMPORAL_PAYLOAD_KEYS. */
export function newPayloadKeyEntry(id: string, random: (size: number) => Buffer): string {
  return `${id}:${random(32).toString('base64')}`;
}
