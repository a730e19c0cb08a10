import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGovernancePolicy } from './policy-file.loader';
import { loadAppConfig } from './app-config';

const ROOT = join(__dirname, '../../..');

describe('governance policy file', () => {
  it('loads the default policy shipped in the repository', () => {
    const policy = loadGovernancePolicy(join(ROOT, 'config/governance-policy.yaml'));
    expect(Object.keys(policy.tiers).sort()).toEqual(['high', 'limited', 'minimal']);
    // High-risk systems need more approval steps than minimal ones.
    expect(policy.tiers.high.approval.steps.length).toBeGreaterThan(policy.tiers.minimal.approval.steps.length);
  });

  it('loads the end-to-end fixture', () => {
    expect(loadGovernancePolicy(join(ROOT, 'test/fixtures/policies/e2e-policy.yaml')).tiers.limited.review.cadence).toBe('PT3S');
  });

  it('reads JSON as well as YAML', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const json = join(dir, 'policy.json');
    writeFileSync(json, JSON.stringify(loadGovernancePolicy(join(ROOT, 'test/fixtures/policies/e2e-policy.yaml'))).replace(/\{"kind":"count","count":(\d+),"of":(\d+)\}/g, '"$1 of $2"').replace(/\{"kind":"count","count":(\d+)\}/g, '$1').replace(/\{"kind":"all"\}/g, '"all"'));
    expect(loadGovernancePolicy(json).tiers.high.approval.steps[0].quorum).toEqual({ kind: 'count', count: 2, of: 3 });
  });

  it('names the file and the field of a mistake', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'version: 1\ntiers: {}\n');
    expect(() => loadGovernancePolicy(bad)).toThrow(/tiers\.minimal/);
    expect(() => loadGovernancePolicy(join(dir, 'missing.yaml'))).toThrow(/cannot be read/);
  });
});

describe('app configuration', () => {
  const base = { DATABASE_URL: 'postgres://localhost/x' };

  it('applies defaults and generates local secrets outside production', () => {
    const config = loadAppConfig(base);
    expect(config).toMatchObject({ host: '127.0.0.1', port: 3000, publicBaseUrl: 'http://127.0.0.1:3000' });
    expect(config.adminToken.length).toBeGreaterThanOrEqual(32);
    expect(loadAppConfig(base).adminToken).not.toBe(config.adminToken);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadAppConfig({})).toThrow('DATABASE_URL: is required');
    expect(() => loadAppConfig({ ...base, PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadAppConfig({ ...base, ADMIN_TOKEN: 'short' })).toThrow(/ADMIN_TOKEN: must be at least 16/);
    expect(() => loadAppConfig({ ...base, NODE_ENV: 'production', TEMPORAL_PAYLOAD_ENCRYPTION: 'off' })).toThrow(/ADMIN_TOKEN: is required/);
    expect(() => loadAppConfig({ ...base, NODE_ENV: 'production', ADMIN_TOKEN: 'a'.repeat(20), ACTION_LINK_SECRET: 'b'.repeat(20) })).toThrow(/TEMPORAL_PAYLOAD_KEYS: is required in production/);
  });

  it('reads sign-in link and session lifetimes, with defaults, and refuses an idle limit beyond the absolute one', () => {
    expect(loadAppConfig(base)).toMatchObject({ signInLinkTtlMs: 15 * 60_000, sessionIdleTtlMs: 30 * 60_000, sessionAbsoluteTtlMs: 12 * 3600_000 });
    expect(loadAppConfig({ ...base, SIGN_IN_LINK_TTL_MINUTES: '5', SESSION_IDLE_MINUTES: '10', SESSION_ABSOLUTE_HOURS: '2' })).toMatchObject({
      signInLinkTtlMs: 5 * 60_000,
      sessionIdleTtlMs: 10 * 60_000,
      sessionAbsoluteTtlMs: 2 * 3600_000,
    });
    expect(() => loadAppConfig({ ...base, SIGN_IN_LINK_TTL_MINUTES: '0' })).toThrow(/SIGN_IN_LINK_TTL_MINUTES: must be an integer from 1/);
    expect(() => loadAppConfig({ ...base, SESSION_IDLE_MINUTES: 'soon' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => loadAppConfig({ ...base, SESSION_ABSOLUTE_HOURS: '721' })).toThrow(/SESSION_ABSOLUTE_HOURS: must be an integer from 1 to 720/);
    expect(() => loadAppConfig({ ...base, SESSION_IDLE_MINUTES: '120', SESSION_ABSOLUTE_HOURS: '1' })).toThrow(
      'configuration: SESSION_IDLE_MINUTES: must not be longer than SESSION_ABSOLUTE_HOURS',
    );
  });
});
