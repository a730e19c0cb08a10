import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrCreateSecrets } from './local-secrets';

describe('local secrets for npm start', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aigov-secrets-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('generates every secret once into a 0600 file and reads the same values back', async () => {
    const first = await loadOrCreateSecrets(dir, {});
    expect(first.created).toBe(true);
    expect(new Set([first.adminToken, first.actionLinkSecret, first.monitoringWebhookSecret]).size).toBe(3);
    expect((await stat(first.file!)).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateSecrets(dir, {});
    expect(again).toMatchObject({ created: false, adminToken: first.adminToken, monitoringWebhookSecret: first.monitoringWebhookSecret });
  });

  it('adds the webhook secret to a file written before it existed, keeping the others', async () => {
    const file = path.join(dir, 'secrets.json');
    await writeFile(file, JSON.stringify({ adminToken: 'a'.repeat(32), actionLinkSecret: 'b'.repeat(32) }), { mode: 0o600 });
    const resolved = await loadOrCreateSecrets(dir, {});
    expect(resolved).toMatchObject({ created: true, adminToken: 'a'.repeat(32), actionLinkSecret: 'b'.repeat(32) });
    expect(JSON.parse(await readFile(file, 'utf8')).monitoringWebhookSecret).toBe(resolved.monitoringWebhookSecret);
  });

  it('takes secrets from the environment without touching the file; the webhook stays off unless given', async () => {
    const env = { ADMIN_TOKEN: 'x'.repeat(20), ACTION_LINK_SECRET: 'y'.repeat(20) };
    expect(await loadOrCreateSecrets(dir, env)).toMatchObject({ monitoringWebhookSecret: null, created: false });
    expect(await loadOrCreateSecrets(dir, { ...env, MONITORING_WEBHOOK_SECRET: 'z'.repeat(20) })).toMatchObject({ monitoringWebhookSecret: 'z'.repeat(20) });
    await expect(stat(path.join(dir, 'secrets.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
