import { Inject, Injectable } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { PayloadDecryptionError, PayloadEncryptionCodec } from '@aigov/temporal/payload-encryption.codec';
import { badRequest } from '../common/api-error';
import { CodecPayloadDto, CodecPayloadsDto, MAX_CODEC_METADATA_KEYS } from './temporal-codec.dto';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function bytesOf(value: unknown, field: string): Uint8Array {
  if (typeof value !== 'string' || !BASE64.test(value)) throw badRequest(`${field} must be standard base64`, field);
  return Buffer.from(value, 'base64');
}

function payloadOf(dto: CodecPayloadDto, index: number): Payload {
  const field = `payloads[${index}]`;
  const entries = Object.entries(dto.metadata ?? {});
  if (entries.length > MAX_CODEC_METADATA_KEYS) throw badRequest(`at most ${MAX_CODEC_METADATA_KEYS} metadata entries`, `${field}.metadata`);
  const metadata = Object.fromEntries(entries.map(([key, value]) => [key, bytesOf(value, `${field}.metadata.${key}`)]));
  return { metadata, data: bytesOf(dto.data ?? '', `${field}.data`) };
}

function jsonOf(payload: Payload): CodecPayloadDto {
  const base64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('base64');
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, base64(value)])),
    data: base64(payload.data),
  };
}

/**
 * Temporal's remote codec protocol over the product's own codec and keys, for the Temporal UI
 * and CLI. With encryption off (no keys) both directions return the payloads unchanged.
 */
@Injectable()
export class TemporalCodecService {
  private readonly codec: PayloadEncryptionCodec | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.codec = config.temporal.payloadKeys ? new PayloadEncryptionCodec(config.temporal.payloadKeys) : null;
  }

  encode(body: CodecPayloadsDto): CodecPayloadsDto {
    const payloads = body.payloads.map(payloadOf);
    return { payloads: payloads.map((payload) => jsonOf(this.codec ? this.codec.encrypt(payload) : payload)) };
  }

  decode(body: CodecPayloadsDto): CodecPayloadsDto {
    const payloads = body.payloads.map(payloadOf);
    return {
      payloads: payloads.map((payload, index) => {
        if (!this.codec) return jsonOf(payload);
        try {
          return jsonOf(this.codec.decrypt(payload));
        } catch (error) {
          // The key id is in the message (never the key): the operator sees which key is missing.
          if (error instanceof PayloadDecryptionError) throw badRequest(error.message, `payloads[${index}]`);
          throw badRequest('the payload is not a valid encrypted Temporal payload', `payloads[${index}]`);
        }
      }),
    };
  }
}
