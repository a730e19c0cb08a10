import { createPrivateKey, createPublicKey, hkdfSync, KeyObject } from 'node:crypto';
import { ConfigError } from './app-config';

/** PKCS#8 DER of an Ed25519 private key is this prefix followed by the 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

const VARIABLE = 'AUDIT_CHECKPOINT_SIGNING_KEY';

/**
 * The Ed25519 key that signs audit checkpoints, as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`, what
 * `openssl genpkey -algorithm ed25519` prints) or the 32-byte seed in base64 / base64url. Only the
 * worker signs; the API derives the public key from it to publish.
 *
 * Unset outside production, the key is derived from ACTION_LINK_SECRET (HKDF-SHA256, its own
 * label): `npm start` persists that secret in .data/secrets.json, so the local key survives
 * restarts, and the API and the worker, which share the secret, agree on it without another file.
 * Unset in production, checkpoints are off (the worker warns at start): a production key must be
 * one nobody holding the other secrets can derive.
 */
export function loadAuditCheckpointKey(env: NodeJS.ProcessEnv, actionLinkSecret: string): KeyObject | null {
  const raw = env[VARIABLE]?.trim();
  if (raw) return parseEd25519PrivateKey(raw);
  if (env.NODE_ENV === 'production') return null;
  const seed = Buffer.from(hkdfSync('sha256', Buffer.from(actionLinkSecret, 'utf8'), Buffer.alloc(0), 'aigov audit checkpoint signing key v1', 32));
  return seedToKey(seed);
}

function seedToKey(seed: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function parseEd25519PrivateKey(raw: string): KeyObject {
  let key: KeyObject;
  try {
    if (raw.includes('-----BEGIN')) {
      key = createPrivateKey({ key: raw.replace(/\\n/g, '\n'), format: 'pem' });
    } else {
      const seed = Buffer.from(raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
      if (seed.length !== 32) throw new ConfigError(VARIABLE, `must be a PKCS#8 PEM Ed25519 private key or its 32-byte seed in base64 (got ${seed.length} bytes)`);
      key = seedToKey(seed);
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    // the key's text is never repeated in the message
    throw new ConfigError(VARIABLE, 'is not a readable private key (PKCS#8 PEM, or a 32-byte base64 seed)');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(VARIABLE, `must be an Ed25519 key, not ${key.asymmetricKeyType}`);
  return key;
}

const RETIRED_VARIABLE = 'AUDIT_CHECKPOINT_RETIRED_PUBLIC_KEYS';

/**
 * Public keys of signing keys used before (comma-separated, each the 32-byte Ed25519 public key
 * in base64url: the `x` of its published JWK), so checkpoints they signed keep verifying after
 * the key is rotated. The API publishes them beside the current one.
 */
export function loadRetiredCheckpointKeys(env: NodeJS.ProcessEnv): KeyObject[] {
  const raw = env[RETIRED_VARIABLE]?.trim();
  if (!raw) return [];
  return raw.split(',').map((entry, i) => {
    const x = entry.trim();
    if (!/^[A-Za-z0-9_-]{43}$/.test(x)) throw new ConfigError(RETIRED_VARIABLE, `entry ${i + 1} is not a 32-byte Ed25519 public key in base64url (a JWK's x)`);
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  });
}
