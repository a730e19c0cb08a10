import { readFileSync } from 'node:fs';
// A cycle with app-config.ts, harmless: ConfigError is only used when a value is refused, long after both loaded.
import { ConfigError } from './app-config';

/**
 * TLS to Temporal's frontend, mutual when a client certificate is given: how the API and the
 * workers prove themselves to a frontend that other hosts can reach (the frontend trusts the
 * actor in every Update, so it must admit only them). Files are read once at start.
 */
export interface TemporalTls {
  /** the CA that signed the frontend's certificate; absent: the system's trust store (e.g. Temporal Cloud) */
  serverRootCACertificate?: Buffer;
  /** this process's certificate and key, for a frontend that requires client certificates */
  clientCertPair?: { crt: Buffer; key: Buffer };
  /** the name the frontend's certificate is issued for, when it is not the host in TEMPORAL_ADDRESS */
  serverNameOverride?: string;
}

function file(env: NodeJS.ProcessEnv, name: string): Buffer | undefined {
  const path = env[name]?.trim();
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ConfigError(name, `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * TEMPORAL_TLS=true, or any of TEMPORAL_TLS_CA / TEMPORAL_TLS_CERT / TEMPORAL_TLS_KEY (PEM file
 * paths) / TEMPORAL_TLS_SERVER_NAME, turns TLS on; none of them: plain gRPC, for a frontend on
 * loopback or a private network. A certificate needs its key and the other way round.
 */
export function temporalTlsFromEnv(env: NodeJS.ProcessEnv): TemporalTls | null {
  const flag = env.TEMPORAL_TLS?.trim().toLowerCase();
  if (flag && !['true', 'false'].includes(flag)) throw new ConfigError('TEMPORAL_TLS', `must be true or false, got '${flag.slice(0, 20)}'`);
  const ca = file(env, 'TEMPORAL_TLS_CA');
  const crt = file(env, 'TEMPORAL_TLS_CERT');
  const key = file(env, 'TEMPORAL_TLS_KEY');
  const serverName = env.TEMPORAL_TLS_SERVER_NAME?.trim() || undefined;
  if (crt && !key) throw new ConfigError('TEMPORAL_TLS_KEY', 'is required with TEMPORAL_TLS_CERT');
  if (key && !crt) throw new ConfigError('TEMPORAL_TLS_CERT', 'is required with TEMPORAL_TLS_KEY');
  if (flag === 'false') {
    if (ca || crt || serverName) throw new ConfigError('TEMPORAL_TLS', 'is false, but TLS files or a server name are set');
    return null;
  }
  if (flag !== 'true' && !ca && !crt && !serverName) return null;
  return {
    ...(ca ? { serverRootCACertificate: ca } : {}),
    ...(crt && key ? { clientCertPair: { crt, key } } : {}),
    ...(serverName ? { serverNameOverride: serverName } : {}),
  };
}
