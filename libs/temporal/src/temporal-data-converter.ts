import type { DataConverter } from '@temporalio/common';
import type { TemporalPayloadKeys } from '@aigov/config/temporal-payload-keys';
import { PayloadEncryptionCodec } from './payload-encryption.codec';

/**
 * What every Temporal client and worker of this product converts payloads with: the default
 * JSON conversion, then AES-256-GCM encryption when keys are configured. Client and worker
 * must agree, or one writes what the other cannot read; so all of them take it from here.
 * Without keys (development and tests only; production refuses to start without them unless
 * TEMPORAL_PAYLOAD_ENCRYPTION=off), payloads stay plain JSON, as before.
 */
export function temporalDataConverter(keys: TemporalPayloadKeys | null): DataConverter {
  return keys ? { payloadCodecs: [new PayloadEncryptionCodec(keys)] } : {};
}
