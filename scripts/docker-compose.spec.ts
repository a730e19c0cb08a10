import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadAppConfig } from '@aigov/config/app-config';
import { TEMPORAL_CODEC_PATH } from '@aigov/api/temporal-codec/temporal-codec.controller';
import { loadBaseClusterConfig } from './temporal-cluster-config';
import { TEMPORAL_SERVER_VERSION } from './temporal-server-binaries';

/**
 * docker-compose.yml cannot be started here (no Docker engine), so what can be checked without
 * it is checked here: `docker compose config` must work without the secrets set, and the
 * containers must still refuse to start without them.
 */
const raw = readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8');

/** Compose's `${VAR:-default}` interpolation and its `$$` escape (a literal `$` for the container's shell). */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?\}/g, (match: string, name?: string, fallback?: string) =>
    match === '$$' ? '$' : env[name!] || fallback || '',
  );
}

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  entrypoint?: string | string[];
  environment: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
}

/**
 * The file as compose resolves it: anchors merged, environment values as strings, and a key
 * left empty (YAML null) unset in the container.
 */
function composeFile(env: Record<string, string>) {
  const file = parse(interpolate(raw, env), { merge: true }) as {
    services: Record<string, Omit<ComposeService, 'environment'> & { environment?: Record<string, unknown> }>;
  };
  const services = Object.fromEntries(
    Object.entries(file.services).map(([name, s]) => [
      name,
      { ...s, environment: Object.fromEntries(
          Object.entries(s.environment ?? {})
            .filter(([, v]) => v !== null)
            .map(([k, v]) => [k, String(v)]),
        ) },
    ]),
  );
  return { services: services as Record<string, ComposeService> };
}

const words = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(' ') : value ?? '');
const PAYLOAD_KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

describe('docker-compose.yml', () => {
  it('interpolates every variable with a default, so `docker compose config -q` needs no environment', () => {
    const interpolations = raw.match(/\$\{[^}]*\}/g) ?? [];
    expect(interpolations.length).toBeGreaterThan(0);
    for (const expression of interpolations) expect(expression).toMatch(/^\$\{[A-Z_][A-Z0-9_]*:-[^}]*\}$/);
  });

  it('runs the API and worker in production, which refuse to start without ADMIN_TOKEN, ACTION_LINK_SECRET and TEMPORAL_PAYLOAD_KEYS', () => {
    const { services } = composeFile({});
    const secrets = { ADMIN_TOKEN: 'a'.repeat(24), ACTION_LINK_SECRET: 'b'.repeat(24), TEMPORAL_PAYLOAD_KEYS: PAYLOAD_KEYS };
    for (const name of ['api', 'worker']) {
      const env = services[name].environment ?? {};
      expect(env.NODE_ENV).toBe('production');
      expect(() => loadAppConfig({ ...env, ...secrets, ADMIN_TOKEN: '' })).toThrow(/ADMIN_TOKEN: is required/);
      expect(() => loadAppConfig({ ...env, ...secrets, ACTION_LINK_SECRET: '' })).toThrow(/ACTION_LINK_SECRET: is required/);
      expect(() => loadAppConfig({ ...env, ...secrets, TEMPORAL_PAYLOAD_KEYS: '' })).toThrow(/TEMPORAL_PAYLOAD_KEYS: is required in production/);
    }
  });

  it('passes the secrets through, and the API starts with them', () => {
    const { services } = composeFile({ ADMIN_TOKEN: 'admin-token-from-the-operator', ACTION_LINK_SECRET: 'link-secret-from-the-operator', TEMPORAL_PAYLOAD_KEYS: PAYLOAD_KEYS });
    const config = loadAppConfig(services.api.environment ?? {});
    // API and worker share one key ring, or one writes what the other cannot read.
    expect(loadAppConfig(services.worker.environment ?? {}).temporal.payloadKeys).toEqual(config.temporal.payloadKeys);
    expect(config.temporal.payloadKeys?.encryptionKeyId).toBe('k1');
    expect(config).toMatchObject({
      adminToken: 'admin-token-from-the-operator',
      actionLinkSecret: 'link-secret-from-the-operator',
      monitoringWebhookSecret: null,
      smtpUrl: 'smtp://mailpit:1025',
      temporal: { address: 'temporal:7233' },
    });
  });

  it('publishes ports on 127.0.0.1 only', () => {
    const ports = Object.values(composeFile({}).services).flatMap((s) => s.ports ?? []);
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:/);
  });

  it("keeps Temporal's frontend off the host: it trusts the actor in every Update, so only the compose network reaches it", () => {
    const { services } = composeFile({});
    expect(services.temporal.ports ?? []).toEqual([]);
    // the mutual TLS settings to use instead, shown (commented) where the service is defined
    expect(raw).toMatch(/#\s+TEMPORAL_TLS_REQUIRE_CLIENT_AUTH: "true"/);
    for (const name of ['api', 'worker', 'temporal-ui']) expect(services[name].environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it("points the Temporal UI at the API's codec endpoint, with credentials, and the API admits the UI's origin", () => {
    const { services } = composeFile({ TEMPORAL_PAYLOAD_KEYS: PAYLOAD_KEYS, ADMIN_TOKEN: 'a'.repeat(24), ACTION_LINK_SECRET: 'b'.repeat(24) });
    const ui = services['temporal-ui'];
    const api = loadAppConfig(services.api.environment);
    expect(ui.environment.TEMPORAL_CODEC_ENDPOINT).toBe(`${api.publicBaseUrl}/api/v1/${TEMPORAL_CODEC_PATH}`);
    expect(ui.environment.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
    // the origin a browser sends from the published UI port, as the header comment says to open it
    const uiPort = ui.ports?.map((p) => p.split(':')[1]);
    expect(uiPort).toEqual([ui.environment.TEMPORAL_UI_PORT]);
    expect(api.temporalCodecCorsOrigins).toEqual(expect.arrayContaining([`http://localhost:${uiPort![0]}`, `http://127.0.0.1:${uiPort![0]}`]));
    // and only those: no wildcard, nothing else by default
    expect(api.temporalCodecCorsOrigins).toHaveLength(2);
  });

  it('runs no Temporal dev server: every service is a production one', () => {
    const { services } = composeFile({});
    for (const [name, service] of Object.entries(services)) {
      expect({ name, run: `${words(service.entrypoint)} ${words(service.command)}` }).not.toEqual({ name, run: expect.stringContaining('start-dev') });
      expect({ name, image: service.image ?? '' }).not.toEqual({ name, image: expect.stringMatching(/temporalio\/(temporal|auto-setup)\b/) });
    }
  });

  it("runs Temporal's server on PostgreSQL, of the release the local scripts build, with the repository's shard count and dynamic configuration", () => {
    const { services } = composeFile({});
    const version = TEMPORAL_SERVER_VERSION.replace(/^v/, '');
    const temporal = services.temporal;
    expect(temporal.image).toBe(`temporalio/server:${version}`);
    expect(temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres', DBNAME: 'temporal', VISIBILITY_DBNAME: 'temporal_visibility' });
    expect(Number(temporal.environment.NUM_HISTORY_SHARDS)).toBe(loadBaseClusterConfig().persistence.numHistoryShards);
    const dynamic = temporal.volumes?.find((v) => v.endsWith(':ro') && v.includes('dynamicconfig'));
    expect(dynamic).toBe(`./config/temporal/dynamicconfig.yaml:${temporal.environment.DYNAMIC_CONFIG_FILE_PATH}:ro`);
    expect(existsSync(join(__dirname, '..', 'config', 'temporal', 'dynamicconfig.yaml'))).toBe(true);
    expect(temporal.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' }, 'temporal-schema': { condition: 'service_completed_successfully' } });
  });

  it('sets up the schema in a one-shot job that creates, versions and updates both databases', () => {
    const { services } = composeFile({});
    const job = services['temporal-schema'];
    expect(job.image).toMatch(new RegExp(`^temporalio/admin-tools:${TEMPORAL_SERVER_VERSION.replace(/^v/, '').replace(/\./g, '\\.')}\\b`));
    expect(job.restart).toBe('no');
    expect(job.environment).toMatchObject({ SQL_PLUGIN: 'postgres12', SQL_HOST: 'postgres' });
    const script = words(job.command);
    for (const step of ['create-database', 'setup-schema -v 0.0', 'update-schema -d "/etc/temporal/schema/postgresql/v12/$store/versioned"']) {
      expect(script).toContain(step);
    }
    expect(script).toMatch(/for store in temporal visibility/);
  });

  it('creates the namespace once the cluster is healthy, and starts the UI, two workers and the API after it', () => {
    const { services } = composeFile({});
    expect(services['temporal-namespace'].depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
    expect(words(services['temporal-namespace'].command)).toContain('temporal operator namespace create --namespace default');
    for (const name of ['worker', 'api', 'temporal-ui']) {
      expect(services[name].depends_on).toMatchObject({ 'temporal-namespace': { condition: 'service_completed_successfully' } });
    }
    expect(services.worker.deploy?.replicas).toBe(2);
    expect(services['temporal-ui'].image).toMatch(/^temporalio\/ui:/);
  });

  it("checks each worker replica's own readiness endpoint, and the API's", () => {
    const { services } = composeFile({});
    const probe = (name: string) => words(services[name].healthcheck?.test);
    expect(probe('worker')).toContain('http://127.0.0.1:3001/health/ready');
    expect(probe('api')).toContain('http://127.0.0.1:3000/health/ready');
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8');
  const engines = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).engines.node as string;

  it('builds and runs on a supported Node (22 or 24), one that package.json engines admits', () => {
    const bases = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map((m) => Number(m[1]));
    expect(bases.length).toBeGreaterThanOrEqual(2);
    const minimum = Number(/^>=(\d+)/.exec(engines)?.[1]);
    for (const major of bases) {
      expect([22, 24]).toContain(major);
      expect(major).toBeGreaterThanOrEqual(minimum);
    }
  });
});
