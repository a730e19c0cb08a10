import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  CLUSTER_PORT_NAMES,
  ClusterPorts,
  clusterConfigFiles,
  clusterConfigYaml,
  loadBaseClusterConfig,
  postgresEndpoint,
  renderClusterConfig,
} from './temporal-cluster-config';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLUSTER_PORT_RANGE, freeClusterPorts, portsForStart } from './temporal-cluster';
import { parseTemporalBackend } from './temporal-backend';
import { TEMPORAL_SERVER_VERSION, temporalServerHome } from './temporal-server-binaries';

const ports: ClusterPorts = Object.fromEntries(CLUSTER_PORT_NAMES.map((name, i) => [name, 21_000 + i])) as unknown as ClusterPorts;
const postgres = { host: '127.0.0.1', port: 54329, user: 'postgres', password: 's3cret', database: 'tdb', visibilityDatabase: 'tdb_vis' };

describe('config/temporal/temporal-server.yaml', () => {
  const base = loadBaseClusterConfig();

  it('keeps persistence and visibility on PostgreSQL, with a shard count for a small machine', () => {
    const stores = base.persistence.datastores;
    expect(stores[base.persistence.defaultStore].sql.pluginName).toBe('postgres12');
    expect(stores[base.persistence.visibilityStore].sql.pluginName).toBe('postgres12');
    expect(base.persistence.numHistoryShards).toBe(4);
  });

  it('binds every service to loopback and has no archival section (a disabled one must still be complete)', () => {
    for (const service of ['frontend', 'history', 'matching', 'worker']) expect(base.services[service].rpc.bindOnLocalHost).toBe(true);
    expect(base.global.membership.broadcastAddress).toBe('127.0.0.1');
    expect(base).not.toHaveProperty('archival');
    expect(base).not.toHaveProperty('namespaceDefaults');
  });

  it('has a dynamic configuration the server can read: keys with lists of values', () => {
    const dynamic = parse(readFileSync(clusterConfigFiles().dynamicConfig, 'utf8')) as Record<string, Array<{ value: unknown }>>;
    expect(dynamic['system.enableActivityEagerExecution']).toEqual([{ value: true }]);
    for (const values of Object.values(dynamic)) {
      expect(Array.isArray(values)).toBe(true);
      for (const entry of values) expect(entry).toHaveProperty('value');
    }
  });
});

describe('renderClusterConfig', () => {
  const base = loadBaseClusterConfig();
  const config = renderClusterConfig(base, { postgres, ports, dynamicConfigFile: '/abs/dynamicconfig.yaml' });

  it('points both stores at the PostgreSQL server and their own databases', () => {
    const stores = config.persistence.datastores;
    expect(stores['postgres-default'].sql).toMatchObject({ connectAddr: '127.0.0.1:54329', user: 'postgres', password: 's3cret', databaseName: 'tdb' });
    expect(stores['postgres-visibility'].sql).toMatchObject({ connectAddr: '127.0.0.1:54329', databaseName: 'tdb_vis' });
  });

  it('puts every port of this start in place, and the frontend address in the cluster metadata', () => {
    expect(config.services.frontend.rpc).toMatchObject({ grpcPort: 21_000, httpPort: 21_001, membershipPort: 21_002 });
    expect(config.services.history.rpc).toMatchObject({ grpcPort: 21_003, membershipPort: 21_004 });
    expect(config.services.matching.rpc).toMatchObject({ grpcPort: 21_005, membershipPort: 21_006 });
    expect(config.services.worker.rpc).toMatchObject({ grpcPort: 21_007, membershipPort: 21_008 });
    expect(config.global.metrics.prometheus.listenAddress).toBe('127.0.0.1:21009');
    expect(config.clusterMetadata.clusterInformation.active.rpcAddress).toBe('127.0.0.1:21000');
    // the frontend trusts the actor in every Update: the rendered file keeps it on loopback
    for (const service of ['frontend', 'history', 'matching', 'worker']) {
      expect(config.services[service].rpc.bindOnLocalHost).toBe(true);
      expect(config.services[service].rpc).not.toHaveProperty('bindOnIP');
    }
    expect(config.dynamicConfigClient.filepath).toBe('/abs/dynamicconfig.yaml');
  });

  it('leaves the repository configuration as it was and writes YAML that reads back the same', () => {
    expect(base.persistence.datastores['postgres-default'].sql.password).toBe('');
    expect(parse(clusterConfigYaml(config))).toEqual(config);
  });

  it('names what is missing from a configuration that lacks a store or a service', () => {
    const noVisibility = structuredClone(base);
    delete noVisibility.persistence.datastores['postgres-visibility'];
    expect(() => renderClusterConfig(noVisibility, { postgres, ports, dynamicConfigFile: 'x' })).toThrow(/no SQL datastore 'postgres-visibility'/);
    const noMatching = structuredClone(base);
    delete noMatching.services.matching;
    expect(() => renderClusterConfig(noMatching, { postgres, ports, dynamicConfigFile: 'x' })).toThrow(/services\.matching\.rpc/);
  });
});

describe('postgresEndpoint', () => {
  it('reads host, port, user and password, decoding them', () => {
    expect(postgresEndpoint('postgres://postgres:p%40ss%2Fword@127.0.0.1:54329/aigov')).toEqual({
      host: '127.0.0.1',
      port: 54329,
      user: 'postgres',
      password: 'p@ss/word',
    });
  });

  it('defaults the port to 5432 and the user to postgres, and takes IPv6 hosts without brackets', () => {
    expect(postgresEndpoint('postgresql://[::1]/x')).toEqual({ host: '::1', port: 5432, user: 'postgres', password: '' });
  });

  it('refuses what is not a postgres URL, without echoing it (it may hold a password)', () => {
    expect(() => postgresEndpoint('mysql://u:secret@h/x')).toThrow(/must start with postgres:\/\//);
    expect(() => postgresEndpoint('not a url secret')).toThrow(/^the PostgreSQL URL for Temporal is not a valid URL$/);
  });
});

describe('freeClusterPorts', () => {
  it('picks distinct free ports below 32768 (membership ports are stored as smallint)', async () => {
    const picked = await freeClusterPorts();
    const values = CLUSTER_PORT_NAMES.map((name) => picked[name]);
    expect(new Set(values).size).toBe(values.length);
    for (const port of values) {
      expect(port).toBeGreaterThanOrEqual(CLUSTER_PORT_RANGE.from);
      expect(port).toBeLessThanOrEqual(32_767);
    }
  });

  it('keeps a frontend port it is given, and never hands it out again', async () => {
    // A generator that keeps offering the frontend's port (the bottom of the range) must still get other ports.
    let calls = 0;
    const frontend = CLUSTER_PORT_RANGE.from;
    const picked = await freeClusterPorts(frontend, () => (calls++ % 2 === 0 ? 0 : Math.random()));
    expect(picked.frontend).toBe(frontend);
    expect(CLUSTER_PORT_NAMES.filter((name) => name !== 'frontend').map((name) => picked[name])).not.toContain(frontend);
  });
});

describe('portsForStart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aigov-ports-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives a restart in the same run directory the same ports, so the server keeps its place in the membership ring', async () => {
    const first = await portsForStart(dir);
    expect(await portsForStart(dir)).toEqual(first);
  });

  it('chooses anew when one of them is taken meanwhile, or another frontend port is asked for', async () => {
    const first = await portsForStart(dir);
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(first.history, '127.0.0.1', resolve));
    try {
      const second = await portsForStart(dir);
      expect(second.history).not.toBe(first.history);
      expect(await portsForStart(dir)).toEqual(second);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
    const third = await portsForStart(dir, CLUSTER_PORT_RANGE.to);
    expect(third.frontend).toBe(CLUSTER_PORT_RANGE.to);
  });
});

describe('parseTemporalBackend', () => {
  it('is the dev server unless cluster is asked for', () => {
    expect(parseTemporalBackend(undefined, 'AIGOV_TEMPORAL')).toBe('dev');
    expect(parseTemporalBackend(' Cluster ', 'AIGOV_TEMPORAL')).toBe('cluster');
  });

  it('names the variable and the choices on a typo', () => {
    expect(() => parseTemporalBackend('clsuter', 'AIGOV_TEMPORAL')).toThrow("AIGOV_TEMPORAL must be one of dev, cluster, got 'clsuter'");
  });
});

describe('the Temporal server version', () => {
  // .ci/run no longer looks for the cached server to decide whether Go is needed: since the bench's
  // Go load generator has a spec in npm run test:cluster, it always makes sure of a Go toolchain.
  it('names the cache directory the server is built into', () => {
    expect(temporalServerHome()).toMatch(new RegExp(`temporal-server-${TEMPORAL_SERVER_VERSION.replace(/\./g, '\\.')}$`));
  });
});
