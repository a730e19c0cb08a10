import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newPayloadKeyEntry, PAYLOAD_ENCRYPTION_VARIABLE, PAYLOAD_KEYS_VARIABLE } from '@aigov/config/temporal-payload-keys';

export interface ResolvedPayloadKeys {
  /** the TEMPORAL_PAYLOAD_KEYS value to give the worker and the API; null: encryption is off */
  keys: string | null;
  source: 'env' | 'file' | 'off';
  /** the file, when one was read or written */
  file?: string;
  created: boolean;
}

/**
 * `npm start`'s payload key, like its other local secrets (local-secrets.ts) but in a file of
 * its own, `<dataDir>/temporal-payload-keys.json` (mode 0600): generated on first use and kept,
 * because the Temporal dev server's database outlives the processes and what it holds was
 * encrypted with it. Losing the file makes those workflows unreadable (their decode fails
 * naming the key id). TEMPORAL_PAYLOAD_KEYS in the environment wins and the file is not
 * touched; TEMPORAL_PAYLOAD_ENCRYPTION=off turns encryption off.
 */
export async function loadOrCreatePayloadKeys(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedPayloadKeys> {
  if (env[PAYLOAD_ENCRYPTION_VARIABLE]?.trim().toLowerCase() === 'off') return { keys: null, source: 'off', created: false };
  const fromEnv = env[PAYLOAD_KEYS_VARIABLE]?.trim();
  if (fromEnv) return { keys: fromEnv, source: 'env', created: false };

  const file = path.join(dataDir, 'temporal-payload-keys.json');
  let stored: string | undefined;
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { keys?: unknown };
    if (typeof parsed?.keys !== 'string' || !parsed.keys) throw new Error('no keys');
    stored = parsed.keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`${file} is not a JSON object with "keys" (${PAYLOAD_KEYS_VARIABLE}'s format); fix it, or set ${PAYLOAD_KEYS_VARIABLE}`);
    }
  }
  if (stored) {
    if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
    return { keys: stored, source: 'file', file, created: false };
  }
  const keys = newPayloadKeyEntry(`local-${randomBytes(4).toString('hex')}`, randomBytes);
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const staging = `${file}.${process.pid}.tmp`;
  await writeFile(staging, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
  await chmod(staging, 0o600); // the mode option is filtered by the umask
  await rename(staging, file);
  return { keys, source: 'file', file, created: true };
}
