import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { temporalConnectionOptions } from '@aigov/temporal/temporal-connection-options';
import { loadAppConfig } from './app-config';
import { temporalTlsFromEnv } from './temporal-tls';

const dir = mkdtempSync(join(tmpdir(), 'aigov-temporal-tls-'));
const pem = (name: string) => {
  const path = join(dir, name);
  writeFileSync(path, `-----BEGIN ${name}-----\n-----END ${name}-----\n`);
  return path;
};
const files = { TEMPORAL_TLS_CA: pem('ca'), TEMPORAL_TLS_CERT: pem('crt'), TEMPORAL_TLS_KEY: pem('key') };

describe('TLS to Temporal (TEMPORAL_TLS_*)', () => {
  it('is off without any setting: plain gRPC to a frontend on loopback or a private network', () => {
    expect(temporalTlsFromEnv({})).toBeNull();
    expect(temporalConnectionOptions({ address: '127.0.0.1:7233', tls: null })).toEqual({ address: '127.0.0.1:7233' });
  });

  it('reads the CA, the client certificate and key, and the server name into the connection options (mutual TLS)', () => {
    const config = loadAppConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db', TEMPORAL_ADDRESS: 'temporal:7233', ...files, TEMPORAL_TLS_SERVER_NAME: 'temporal' });
    const options = temporalConnectionOptions(config.temporal);
    expect(options.address).toBe('temporal:7233');
    expect(options.tls?.serverRootCACertificate?.toString()).toContain('BEGIN ca');
    expect(options.tls?.clientCertPair?.crt.toString()).toContain('BEGIN crt');
    expect(options.tls?.clientCertPair?.key.toString()).toContain('BEGIN key');
    expect(options.tls?.serverNameOverride).toBe('temporal');
  });

  it('TEMPORAL_TLS=true alone: TLS against the system trust store (e.g. a managed frontend)', () => {
    expect(temporalTlsFromEnv({ TEMPORAL_TLS: 'true' })).toEqual({});
  });

  it.each([
    [{ TEMPORAL_TLS_CERT: files.TEMPORAL_TLS_CERT }, /TEMPORAL_TLS_KEY: is required with TEMPORAL_TLS_CERT/],
    [{ TEMPORAL_TLS_KEY: files.TEMPORAL_TLS_KEY }, /TEMPORAL_TLS_CERT: is required with TEMPORAL_TLS_KEY/],
    [{ TEMPORAL_TLS_CA: join(dir, 'missing.pem') }, /TEMPORAL_TLS_CA: cannot read .*missing\.pem \(ENOENT\)/],
    [{ TEMPORAL_TLS: 'yes' }, /TEMPORAL_TLS: must be true or false/],
    [{ TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA: files.TEMPORAL_TLS_CA }, /TEMPORAL_TLS: is false, but TLS files/],
  ])('refuses %p naming the variable', (env, reason) => {
    expect(() => temporalTlsFromEnv(env)).toThrow(reason);
  });
});
