import { mkdtemp, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parsePayloadKeys } from '@aigov/config/temporal-payload-keys';
import { loadOrCreatePayloadKeys } from './local-payload-keys';

describe("npm start's payload key", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aigov-payload-keys-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is generated once into a 0600 file and kept across starts (the dev server keeps what it encrypted)', async () => {
    const first = await loadOrCreatePayloadKeys(dir, {});
    expect(first).toMatchObject({ source: 'file', created: true });
    expect(parsePayloadKeys(first.keys!).encryptionKeyId).toMatch(/^local-[0-9a-f]{8}$/);
    expect((await stat(first.file!)).mode & 0o777).toBe(0o600);
    const again = await loadOrCreatePayloadKeys(dir, {});
    expect(again).toMatchObject({ keys: first.keys, created: false });
    await chmod(first.file!, 0o644);
    await loadOrCreatePayloadKeys(dir, {});
    expect((await stat(first.file!)).mode & 0o777).toBe(0o600);
  });

  it('takes TEMPORAL_PAYLOAD_KEYS from the environment without touching the file, and is off when told', async () => {
    expect(await loadOrCreatePayloadKeys(dir, { TEMPORAL_PAYLOAD_KEYS: 'mine:abc' })).toEqual({ keys: 'mine:abc', source: 'env', created: false });
    expect(await loadOrCreatePayloadKeys(dir, { TEMPORAL_PAYLOAD_ENCRYPTION: 'off' })).toEqual({ keys: null, source: 'off', created: false });
    await expect(stat(path.join(dir, 'temporal-payload-keys.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a damaged file rather than replacing the key (what it encrypted would be lost)', async () => {
    await writeFile(path.join(dir, 'temporal-payload-keys.json'), '{"keys": 42}');
    await expect(loadOrCreatePayloadKeys(dir, {})).rejects.toThrow(/temporal-payload-keys.json is not a JSON object with "keys"/);
  });
});
