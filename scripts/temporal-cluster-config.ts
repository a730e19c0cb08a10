import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { projectRoot } from './project-root';

/** The repository's server configuration and dynamic configuration (config/temporal/). */
export function clusterConfigFiles(root: string = projectRoot()): { config: string; dynamicConfig: string } {
  const dir = path.join(root, 'config', 'temporal');
  return { config: path.join(dir, 'temporal-server.yaml'), dynamicConfig: path.join(dir, 'dynamicconfig.yaml') };
}

/** Where the server's state lives: one PostgreSQL server, two databases on it. */
export interface ClusterPostgres {
  host: string;
  port: number;
  user: string;
  /** empty for trust authentication */
  password: string;
  /** persistence (history, executions, task queues) */
  database: string;
  /** visibility (the workflow list the UI and `client.workflow.list` read) */
  visibilityDatabase: string;
}

/** Every port the server listens on; all of them on 127.0.0.1. */
export interface ClusterPorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
  metrics: number;
}

export const CLUSTER_PORT_NAMES: ReadonlyArray<keyof ClusterPorts> = [
  'frontend',
  'frontendHttp',
  'frontendMembership',
  'history',
  'historyMembership',
  'matching',
  'matchingMembership',
  'worker',
  'workerMembership',
  'metrics',
];

/** host, port, user and password of a postgres:// URL (the database part is not used). */
export function postgresEndpoint(url: string): Pick<ClusterPostgres, 'host' | 'port' | 'user' | 'password'> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('the PostgreSQL URL for Temporal is not a valid URL');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`the PostgreSQL URL for Temporal must start with postgres://, not ${parsed.protocol}//`);
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const port = parsed.port ? Number(parsed.port) : 5432;
  return {
    host,
    port,
    user: decodeURIComponent(parsed.username) || 'postgres',
    password: decodeURIComponent(parsed.password),
  };
}

type Yaml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The configuration the server starts with: the repository's file with the PostgreSQL
 * endpoint, the databases and the ports of this start filled in, the dynamic configuration by
 * absolute path. Pure, so that what the server gets can be checked without starting it.
 */
export function renderClusterConfig(base: Yaml, opts: { postgres: ClusterPostgres; ports: ClusterPorts; dynamicConfigFile: string }): Yaml {
  const config: Yaml = structuredClone(base);
  const { postgres, ports } = opts;
  const stores = config.persistence?.datastores ?? {};
  const storeFor = (name: string) => {
    const sql = stores[name]?.sql;
    if (!sql) throw new Error(`the Temporal server configuration has no SQL datastore '${name}'`);
    return sql;
  };
  const endpoint = `${postgres.host.includes(':') ? `[${postgres.host}]` : postgres.host}:${postgres.port}`;
  for (const [name, database] of [
    [config.persistence.defaultStore, postgres.database],
    [config.persistence.visibilityStore, postgres.visibilityDatabase],
  ] as const) {
    Object.assign(storeFor(name), { connectAddr: endpoint, user: postgres.user, password: postgres.password, databaseName: database });
  }
  const rpc = (service: string) => {
    const found = config.services?.[service]?.rpc;
    if (!found) throw new Error(`the Temporal server configuration has no services.${service}.rpc`);
    return found;
  };
  Object.assign(rpc('frontend'), { grpcPort: ports.frontend, httpPort: ports.frontendHttp, membershipPort: ports.frontendMembership });
  Object.assign(rpc('history'), { grpcPort: ports.history, membershipPort: ports.historyMembership });
  Object.assign(rpc('matching'), { grpcPort: ports.matching, membershipPort: ports.matchingMembership });
  Object.assign(rpc('worker'), { grpcPort: ports.worker, membershipPort: ports.workerMembership });
  if (config.global?.metrics?.prometheus) config.global.metrics.prometheus.listenAddress = `127.0.0.1:${ports.metrics}`;
  const current = config.clusterMetadata.currentClusterName;
  config.clusterMetadata.clusterInformation[current].rpcAddress = `127.0.0.1:${ports.frontend}`;
  config.dynamicConfigClient = { ...config.dynamicConfigClient, filepath: opts.dynamicConfigFile };
  return config;
}

/** The repository's configuration file, parsed. */
export function loadBaseClusterConfig(file: string = clusterConfigFiles().config): Yaml {
  return parse(readFileSync(file, 'utf8')) as Yaml;
}

export function clusterConfigYaml(config: Yaml): string {
  return `# written by scripts/temporal-cluster.ts from config/temporal/temporal-server.yaml; do not edit\n${stringify(config)}`;
}
