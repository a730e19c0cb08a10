import type { AppConfig } from '@aigov/config/app-config';

/**
 * What every connection to Temporal's frontend is opened with (the client's Connection and the
 * worker's NativeConnection take the same shape): the address, and TLS when configured.
 */
export function temporalConnectionOptions(temporal: Pick<AppConfig['temporal'], 'address' | 'tls'>): { address: string; tls?: NonNullable<AppConfig['temporal']['tls']> } {
  return temporal.tls ? { address: temporal.address, tls: temporal.tls } : { address: temporal.address };
}
