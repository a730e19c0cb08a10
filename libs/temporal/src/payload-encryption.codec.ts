import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { TemporalPayloadKeys } from '@aigov/config/temporal-payload-keys';

/** The encoding an encrypted payload declares; the wire format other SDKs' encryption samples use too. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata naming the key that encrypted the payload (an id, never the key). */
export const ENCRYPTION_KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const CIPHER = 'aes-256-gcm';
const ProtoPayload = temporal.api.common.v1.Payload;

/** A payload this process cannot decrypt: its key id is unknown here, or the ciphertext fails authentication. */
export class PayloadDecryptionError extends Error {
  override readonly name = 'PayloadDecryptionError';
  constructor(
    readonly keyId: string,
    message: string,
  ) {
    super(message);
  }
}

const text = (bytes: Uint8Array | null | undefined): string => (bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') : '');

/** Whether the payload was written by this codec (and so needs a key to read). */
export function isEncryptedPayload(payload: Payload): boolean {
  return text(payload.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING;
}

/** The key id an encrypted payload names, or null for any other payload. */
export function encryptionKeyIdOf(payload: Payload): string | null {
  return isEncryptedPayload(payload) ? text(payload.metadata?.[ENCRYPTION_KEY_ID_METADATA]) : null;
}

/**
 * AES-256-GCM over the whole serialised payload (metadata and data), so Temporal's history
 * holds neither the values nor their encoding, only `binary/encrypted` and the key id. Each
 * payload gets a fresh random 12-byte IV (data = IV | ciphertext | 16-byte tag); GCM's tag
 * refuses any changed byte. Decoding passes through payloads that are not encrypted, so
 * histories written before encryption (and the committed replay histories) still read.
 */
export class PayloadEncryptionCodec implements PayloadCodec {
  private readonly encryptionKey: Buffer;
  private readonly encryptionKeyId: Uint8Array;
  private readonly encoding = Buffer.from(ENCRYPTED_ENCODING);

  constructor(private readonly keys: TemporalPayloadKeys) {
    const key = keys.keys.get(keys.encryptionKeyId);
    if (!key || key.length !== 32) throw new Error(`payload encryption key '${keys.encryptionKeyId}' is missing or not 32 bytes`);
    this.encryptionKey = key;
    this.encryptionKeyId = Buffer.from(keys.encryptionKeyId);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  encrypt(payload: Payload): Payload {
    const plain = ProtoPayload.encode(payload).finish();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.encryptionKey, iv);
    const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return { metadata: { [METADATA_ENCODING_KEY]: this.encoding, [ENCRYPTION_KEY_ID_METADATA]: this.encryptionKeyId }, data };
  }

  decrypt(payload: Payload): Payload {
    const keyId = encryptionKeyIdOf(payload);
    if (keyId === null) return payload;
    const key = this.keys.keys.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(keyId, `payload encrypted with key id '${keyId}', which is not among this process's TEMPORAL_PAYLOAD_KEYS (${[...this.keys.keys.keys()].join(', ')})`);
    }
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError(keyId, `payload encrypted with key id '${keyId}' is too short to be ciphertext`);
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const decipher = createDecipheriv(CIPHER, key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(keyId, `payload encrypted with key id '${keyId}' failed authentication: it was altered, or that id names a different key here`);
    }
    const decoded = ProtoPayload.decode(plain);
    return { metadata: decoded.metadata, data: decoded.data };
  }
}
