import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { loadAuditCheckpointKey, loadRetiredCheckpointKeys } from './audit-checkpoint-key.config';

const SECRET = 'action-link-secret-for-tests';
const publicPem = (key: ReturnType<typeof loadAuditCheckpointKey>) => createPublicKey(key!).export({ format: 'pem', type: 'spki' });

describe('AUDIT_CHECKPOINT_SIGNING_KEY', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const seed = (privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).subarray(16);

  it('reads a PKCS#8 PEM (also with escaped newlines, as env files hold it) and a base64 or base64url seed: the same key', () => {
    const expected = publicPem(privateKey);
    for (const raw of [pem, pem.replace(/\n/g, '\\n'), seed.toString('base64'), seed.toString('base64url')]) {
      expect(publicPem(loadAuditCheckpointKey({ AUDIT_CHECKPOINT_SIGNING_KEY: raw }, SECRET))).toEqual(expected);
    }
  });

  it('refuses other keys and other lengths, without repeating the value', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => loadAuditCheckpointKey({ AUDIT_CHECKPOINT_SIGNING_KEY: rsa }, SECRET)).toThrow(/AUDIT_CHECKPOINT_SIGNING_KEY: must be an Ed25519 key, not rsa/);
    expect(() => loadAuditCheckpointKey({ AUDIT_CHECKPOINT_SIGNING_KEY: Buffer.alloc(31, 7).toString('base64') }, SECRET)).toThrow(/32-byte seed.*got 31 bytes/);
    const broken = '-----BEGIN PRIVATE KEY-----\nsecret-looking-text\n-----END PRIVATE KEY-----';
    let message = '';
    try {
      loadAuditCheckpointKey({ AUDIT_CHECKPOINT_SIGNING_KEY: broken }, SECRET);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/AUDIT_CHECKPOINT_SIGNING_KEY: is not a readable private key/);
    expect(message).not.toContain('secret-looking-text');
  });

  it('derives a stable key from ACTION_LINK_SECRET outside production (API and worker agree), and leaves checkpoints off in production when unset', () => {
    const derived = loadAuditCheckpointKey({}, SECRET);
    expect(derived?.asymmetricKeyType).toBe('ed25519');
    expect(publicPem(loadAuditCheckpointKey({}, SECRET))).toEqual(publicPem(derived));
    expect(publicPem(loadAuditCheckpointKey({}, 'another-secret-of-enough-length'))).not.toEqual(publicPem(derived));
    expect(loadAuditCheckpointKey({ NODE_ENV: 'production' }, SECRET)).toBeNull();
    expect(loadAuditCheckpointKey({ NODE_ENV: 'production', AUDIT_CHECKPOINT_SIGNING_KEY: pem }, SECRET)?.asymmetricKeyType).toBe('ed25519');
  });

  it('reads retired public keys as JWK x values, naming a bad entry', () => {
    const x = (createPublicKey(privateKey).export({ format: 'jwk' }) as { x: string }).x;
    const [retired] = loadRetiredCheckpointKeys({ AUDIT_CHECKPOINT_RETIRED_PUBLIC_KEYS: ` ${x} ` });
    expect(retired.export({ format: 'pem', type: 'spki' })).toEqual(publicPem(privateKey));
    expect(loadRetiredCheckpointKeys({})).toEqual([]);
    expect(() => loadRetiredCheckpointKeys({ AUDIT_CHECKPOINT_RETIRED_PUBLIC_KEYS: `${x},short` })).toThrow(/AUDIT_CHECKPOINT_RETIRED_PUBLIC_KEYS: entry 2 is not/);
  });
});
