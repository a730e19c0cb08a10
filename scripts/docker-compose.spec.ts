import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadAppConfig } from '@aigov/config/app-config';

/**
 * docker-compose.yml cannot be started here (no Docker engine), so what can be checked without
 * it is checked here: `docker compose config` must work without the secrets set, and the
 * containers must still refuse to start without them.
 */
const raw = readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8');

/** Compose's `${VAR:-default}` interpolation, for the cases this file uses. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, fallback?: string) => env[name] || fallback || '');
}

/**
 * The file as compose resolves it: anchors merged, environment values as strings, and a key
 * left empty (YAML null) unset in the container.
 */
function composeFile(env: Record<string, string>) {
  const file = parse(interpolate(raw, env), { merge: true }) as {
    services: Record<string, { environment?: Record<string, unknown>; ports?: string[] }>;
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
  return { services };
}

describe('docker-compose.yml', () => {
  it('interpolates every variable with a default, so `docker compose config -q` needs no environment', () => {
    const interpolations = raw.match(/\$\{[^}]*\}/g) ?? [];
    expect(interpolations.length).toBeGreaterThan(0);
    for (const expression of interpolations) expect(expression).toMatch(/^\$\{[A-Z_][A-Z0-9_]*:-[^}]*\}$/);
  });

  it('runs the API and worker in production, which refuse to start without ADMIN_TOKEN and ACTION_LINK_SECRET', () => {
    const { services } = composeFile({});
    for (const name of ['api', 'worker']) {
      const env = services[name].environment ?? {};
      expect(env.NODE_ENV).toBe('production');
      expect(() => loadAppConfig(env)).toThrow(/ADMIN_TOKEN: is required/);
      expect(() => loadAppConfig({ ...env, ADMIN_TOKEN: 'a'.repeat(24) })).toThrow(/ACTION_LINK_SECRET: is required/);
    }
  });

  it('passes the secrets through, and the API starts with them', () => {
    const { services } = composeFile({ ADMIN_TOKEN: 'admin-token-from-the-operator', ACTION_LINK_SECRET: 'link-secret-from-the-operator' });
    const config = loadAppConfig(services.api.environment ?? {});
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
});
