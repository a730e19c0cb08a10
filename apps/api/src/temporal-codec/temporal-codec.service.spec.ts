import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@aigov/config/app-config';
import { newPayloadKeyEntry, parsePayloadKeys } from '@aigov/config/temporal-payload-keys';
import { ApiError } from '../common/api-error';
import { TemporalCodecService } from './temporal-codec.service';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const plain = { metadata: { encoding: b64('json/plain') }, data: b64('{"name":"Loan scorer"}') };
const serviceWith = (keys: string | null) =>
  new TemporalCodecService({ temporal: { payloadKeys: keys ? parsePayloadKeys(keys) : null } } as unknown as AppConfig);

describe('TemporalCodecService (remote codec protocol)', () => {
  const keys = newPayloadKeyEntry('k1', randomBytes);

  it('encodes to binary/encrypted with the key id, and decodes back to the very same JSON payload', () => {
    const codec = serviceWith(keys);
    const { payloads } = codec.encode({ payloads: [plain] });
    expect(Buffer.from(payloads[0].metadata!.encoding, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(payloads[0].metadata!['encryption-key-id'], 'base64').toString()).toBe('k1');
    expect(Buffer.from(payloads[0].data!, 'base64').toString('latin1')).not.toContain('Loan scorer');
    expect(codec.decode({ payloads }).payloads).toEqual([plain]);
  });

  it('passes everything through when encryption is off', () => {
    const codec = serviceWith(null);
    expect(codec.encode({ payloads: [plain] }).payloads).toEqual([plain]);
    expect(codec.decode({ payloads: [plain] }).payloads).toEqual([plain]);
  });

  it.each([
    [{ metadata: { encoding: 'not base64!' }, data: '' }, 'payloads[0].metadata.encoding'],
    [{ metadata: {}, data: 'abc' }, 'payloads[0].data'],
    [{ metadata: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, ''])), data: '' }, 'payloads[0].metadata'],
  ])('refuses malformed payloads with a 400 naming the field (%#)', (payload, field) => {
    const error = (() => {
      try {
        serviceWith(keys).decode({ payloads: [payload] });
      } catch (e) {
        return e as ApiError;
      }
      throw new Error('not refused');
    })();
    expect(error.getStatus()).toBe(400);
    expect(error.getResponse()).toMatchObject({ field });
  });

  it('refuses ciphertext it cannot read (unknown key id, or not ciphertext at all) with a 400 for that payload', () => {
    const other = serviceWith(newPayloadKeyEntry('k0', randomBytes)).encode({ payloads: [plain] }).payloads[0];
    const garbage = { metadata: { encoding: b64('binary/encrypted'), 'encryption-key-id': b64('k1') }, data: b64('x'.repeat(40)) };
    for (const [payload, message] of [
      [other, "key id 'k0'"],
      [garbage, 'failed authentication'],
    ] as const) {
      try {
        serviceWith(keys).decode({ payloads: [plain, payload] });
        throw new Error('not refused');
      } catch (e) {
        expect((e as ApiError).getResponse()).toMatchObject({ statusCode: 400, field: 'payloads[1]', message: expect.stringContaining(message) });
      }
    }
  });
});
