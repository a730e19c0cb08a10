import { randomBytes } from 'node:crypto';
import { loadAppConfig } from './app-config';
import { parsePayloadKeys, payloadKeysFromEnv } from './temporal-payload-keys';

describe('TEMPORAL_PAYLOAD_KEYS', () => {
  it('takes the first key for encryption and keeps all for decryption; standard or URL-safe base64', () => {
    const raw = randomBytes(32);
    const keys = parsePayloadKeys(` new:${raw.toString('base64url')} , old:${randomBytes(32).toString('base64')}`);
    expect(keys.encryptionKeyId).toBe('new');
    expect([...keys.keys.keys()]).toEqual(['new', 'old']);
    expect(keys.keys.get('new')).toEqual(raw);
  });

  it.each([
    ['', /at least one key/],
    ['nokey', /entry 1 is not id:base64key/],
    [`bad id:${randomBytes(32).toString('base64')}`, /key id 'bad id'/],
    [`a:${randomBytes(16).toString('base64')}`, /key 'a' must be 32 bytes/],
    [`a:${randomBytes(32).toString('base64')},a:${randomBytes(32).toString('base64')}`, /key id 'a' appears twice/],
    ['a:not*base64', /key 'a' must be 32 bytes/],
  ])('refuses %p naming the variable, never the key', (raw, reason) => {
    expect(() => parsePayloadKeys(raw)).toThrow(reason);
    expect(() => parsePayloadKeys(raw)).toThrow(/TEMPORAL_PAYLOAD_KEYS/);
    const secret = raw.split(':')[1]?.split(',')[0];
    if (secret && secret.length > 8) expect(() => parsePayloadKeys(raw)).not.toThrow(secret);
  });
});

describe('payload encryption on or off', () => {
  const keys = `k1:${randomBytes(32).toString('base64')}`;
  const base = { DATABASE_URL: 'postgres://u@127.0.0.1/db', ADMIN_TOKEN: 'a'.repeat(24), ACTION_LINK_SECRET: 'b'.repeat(24) };

  it('is on whenever keys are configured', () => {
    expect(payloadKeysFromEnv({ TEMPORAL_PAYLOAD_KEYS: keys })?.encryptionKeyId).toBe('k1');
    expect(loadAppConfig({ ...base, NODE_ENV: 'production', TEMPORAL_PAYLOAD_KEYS: keys }).temporal.payloadKeys?.encryptionKeyId).toBe('k1');
  });

  it('refuses to start in production without keys, unless TEMPORAL_PAYLOAD_ENCRYPTION=off says so', () => {
    expect(() => loadAppConfig({ ...base, NODE_ENV: 'production' })).toThrow(/TEMPORAL_PAYLOAD_KEYS: is required in production/);
    expect(loadAppConfig({ ...base, NODE_ENV: 'production', TEMPORAL_PAYLOAD_ENCRYPTION: 'off' }).temporal.payloadKeys).toBeNull();
  });

  it('is off without keys outside production (tests, ad-hoc runs; npm start generates a key)', () => {
    expect(loadAppConfig({ ...base, NODE_ENV: 'test' }).temporal.payloadKeys).toBeNull();
  });

  it('off wins over keys, and any other mode is refused', () => {
    expect(payloadKeysFromEnv({ TEMPORAL_PAYLOAD_KEYS: keys, TEMPORAL_PAYLOAD_ENCRYPTION: 'off' })).toBeNull();
    expect(() => payloadKeysFromEnv({ TEMPORAL_PAYLOAD_ENCRYPTION: 'maybe' })).toThrow(/TEMPORAL_PAYLOAD_ENCRYPTION: must be 'auto' or 'off'/);
  });

  it('allows the codec endpoint to the local Temporal UI by default outside production, to the origins given otherwise', () => {
    expect(loadAppConfig({ ...base, NODE_ENV: 'test' }).temporalCodecCorsOrigins).toEqual(['http://127.0.0.1:8233', 'http://localhost:8233']);
    expect(loadAppConfig({ ...base, NODE_ENV: 'production', TEMPORAL_PAYLOAD_KEYS: keys }).temporalCodecCorsOrigins).toEqual([]);
    expect(loadAppConfig({ ...base, TEMPORAL_CODEC_CORS_ORIGINS: 'https://temporal.example.com, http://localhost:8233' }).temporalCodecCorsOrigins).toEqual([
      'https://temporal.example.com',
      'http://localhost:8233',
    ]);
    expect(() => loadAppConfig({ ...base, TEMPORAL_CODEC_CORS_ORIGINS: 'https://temporal.example.com/ui' })).toThrow(/TEMPORAL_CODEC_CORS_ORIGINS/);
    expect(() => loadAppConfig({ ...base, TEMPORAL_CODEC_CORS_ORIGINS: '*' })).toThrow(/TEMPORAL_CODEC_CORS_ORIGINS/);
  });
});
