import { randomBytes } from 'node:crypto';
import { DefaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { parsePayloadKeys } from '@aigov/config/temporal-payload-keys';
import { ENCRYPTED_ENCODING, ENCRYPTION_KEY_ID_METADATA, encryptionKeyIdOf, PayloadDecryptionError, PayloadEncryptionCodec } from './payload-encryption.codec';

const converter = new DefaultPayloadConverter();
const keyEntry = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const codecOf = (keys: string) => new PayloadEncryptionCodec(parsePayloadKeys(keys));
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

const registration = { name: 'Loan triage Zebra-7731', owner: 'ada.lovelace@example.test', comment: 'answers: uses CV data' };

describe('PayloadEncryptionCodec (AES-256-GCM, key id in metadata)', () => {
  const k1 = keyEntry('k1');

  it('round-trips any payload, metadata included, and hides both in the ciphertext', async () => {
    const codec = codecOf(k1);
    const originals = [converter.toPayload(registration), converter.toPayload(null), converter.toPayload(new Uint8Array([0, 1, 2, 255])), converter.toPayload('')];
    const encoded = await codec.encode(originals);
    for (const payload of encoded) {
      expect(Object.keys(payload.metadata!).sort()).toEqual([ENCRYPTION_KEY_ID_METADATA, METADATA_ENCODING_KEY].sort());
      expect(text(payload.metadata![METADATA_ENCODING_KEY])).toBe(ENCRYPTED_ENCODING);
      expect(text(payload.metadata![ENCRYPTION_KEY_ID_METADATA])).toBe('k1');
      const bytes = Buffer.from(payload.data!).toString('latin1');
      for (const secret of ['Zebra-7731', 'ada.lovelace', 'json/plain', 'binary/null']) expect(bytes).not.toContain(secret);
    }
    const decoded = await codec.decode(encoded);
    expect(decoded.map((p) => converter.fromPayload(p))).toEqual([registration, null, new Uint8Array([0, 1, 2, 255]), '']);
    expect(decoded.map((p) => text(p.metadata![METADATA_ENCODING_KEY]))).toEqual(originals.map((p) => text(p.metadata![METADATA_ENCODING_KEY])));
  });

  it('uses a fresh 12-byte IV for every payload, so equal values never give equal ciphertext', async () => {
    const codec = codecOf(k1);
    const encoded = await codec.encode(Array.from({ length: 200 }, () => converter.toPayload(registration)));
    const ivs = new Set(encoded.map((p) => Buffer.from(p.data!).subarray(0, 12).toString('hex')));
    const ciphertexts = new Set(encoded.map((p) => Buffer.from(p.data!).toString('hex')));
    expect(ivs.size).toBe(200);
    expect(ciphertexts.size).toBe(200);
  });

  it.each([
    ['a ciphertext byte', (data: Buffer) => (data[20] ^= 0x01)],
    ['the IV', (data: Buffer) => (data[0] ^= 0x80)],
    ['the GCM tag', (data: Buffer) => (data[data.length - 1] ^= 0x01)],
  ])('refuses a payload with %s changed (GCM authentication), naming the key id', async (_what, tamper) => {
    const codec = codecOf(k1);
    const [payload] = await codec.encode([converter.toPayload(registration)]);
    const data = Buffer.from(payload.data!);
    tamper(data);
    const tampered: Payload = { ...payload, data };
    await expect(codec.decode([tampered])).rejects.toThrow(PayloadDecryptionError);
    await expect(codec.decode([tampered])).rejects.toThrow(/key id 'k1' failed authentication/);
  });

  it('refuses a truncated payload', async () => {
    const codec = codecOf(k1);
    const [payload] = await codec.encode([converter.toPayload(registration)]);
    await expect(codec.decode([{ ...payload, data: payload.data!.subarray(0, 20) }])).rejects.toThrow(/too short/);
  });

  it('refuses an unknown key id with an error naming the id and never a key', async () => {
    const other = keyEntry('retired-2025');
    const [payload] = await codecOf(other).encode([converter.toPayload(registration)]);
    const error = (await codecOf(k1)
      .decode([payload])
      .catch((e: unknown) => e)) as PayloadDecryptionError;
    expect(error).toBeInstanceOf(PayloadDecryptionError);
    expect(error.keyId).toBe('retired-2025');
    expect(error.message).toMatch(/key id 'retired-2025'/);
    for (const entry of [k1, other]) expect(error.message).not.toContain(entry.split(':')[1]);
  });

  it('refuses a payload whose key id names a different key here (same id, other key)', async () => {
    const [payload] = await codecOf(keyEntry('k1')).encode([converter.toPayload(registration)]);
    await expect(codecOf(k1).decode([payload])).rejects.toThrow(/failed authentication/);
  });

  it('rotates: a new first key encrypts, the old one still decrypts what it wrote', async () => {
    const before = codecOf(k1);
    const k2 = keyEntry('k2');
    const after = codecOf(`${k2},${k1}`);
    const [old] = await before.encode([converter.toPayload(registration)]);
    const [fresh] = await after.encode([converter.toPayload(registration)]);
    expect(encryptionKeyIdOf(old)).toBe('k1');
    expect(encryptionKeyIdOf(fresh)).toBe('k2');
    expect((await after.decode([old, fresh])).map((p) => converter.fromPayload(p))).toEqual([registration, registration]);
    // a process that has not learnt the new key yet cannot read what it wrote, and says which key it lacks
    await expect(before.decode([fresh])).rejects.toThrow(/key id 'k2'/);
  });

  it('passes payloads that are not encrypted through decode unchanged (histories from before encryption)', async () => {
    const plain = [converter.toPayload(registration), converter.toPayload(undefined), { metadata: { encoding: Buffer.from('binary/protobuf') }, data: Buffer.from('x') }];
    const decoded = await codecOf(k1).decode(plain);
    decoded.forEach((payload, i) => expect(payload).toBe(plain[i]));
  });
});
