import type { DataConverter } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import { newPayloadKeyEntry, payloadKeysFromEnv, PAYLOAD_KEYS_VARIABLE } from '@aigov/config/temporal-payload-keys';
import { temporalDataConverter } from '@aigov/temporal/temporal-data-converter';

/**
 * The integration run's payload keys: a fresh key per run, set by the global setup, so every
 * worker, API and client of the run encrypts what it gives Temporal, as production does. Not
 * with RECORD_HISTORIES=1: committed replay histories stay plain, readable without a key.
 */
export function integrationRunPayloadKeys(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env[PAYLOAD_KEYS_VARIABLE]?.trim()) return env[PAYLOAD_KEYS_VARIABLE];
  if (env.RECORD_HISTORIES === '1') return undefined;
  return newPayloadKeyEntry(`it-${randomBytes(3).toString('hex')}`, randomBytes);
}

/** The environment entry to hand a harness or worker process: the run's keys, if any. */
export function payloadKeysEnv(): Record<string, string> {
  const keys = process.env[PAYLOAD_KEYS_VARIABLE];
  return keys ? { [PAYLOAD_KEYS_VARIABLE]: keys } : {};
}

/** For every Client or Worker a test makes itself: the same conversion as the product's. */
export function testDataConverter(): DataConverter {
  return temporalDataConverter(payloadKeysFromEnv(process.env));
}
