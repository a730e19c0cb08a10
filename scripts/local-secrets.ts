import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The shape of `.data/secrets.json` (the README reads `adminToken` from it). */
export interface LocalSecrets {
  adminToken: string;
  actionLinkSecret: string;
  /** enables the monitoring webhook locally; absent in files written before it existed */
  monitoringWebhookSecret: string;
}

export interface ResolvedSecrets extends Omit<LocalSecrets, 'monitoringWebhookSecret'> {
  /** null when the environment supplies the other secrets but not this one: the webhook stays off */
  monitoringWebhookSecret: string | null;
  /** where each value came from */
  source: { adminToken: 'env' | 'file'; actionLinkSecret: 'env' | 'file' };
  /** the file, when one was read or written */
  file?: string;
  /** true when this call generated values and wrote them */
  created: boolean;
}

const generate = () => randomBytes(32).toString('base64url');

async function readSecretsFile(file: string): Promise<Partial<LocalSecrets> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON; fix it, or delete it to generate new secrets (users' own tokens stay valid)`);
  }
  if (!parsed || typeof parsed !== 'object') throw new Error(`${file} must hold a JSON object`);
  const { adminToken, actionLinkSecret, monitoringWebhookSecret } = parsed as Record<string, unknown>;
  const present = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return { adminToken: present(adminToken), actionLinkSecret: present(actionLinkSecret), monitoringWebhookSecret: present(monitoringWebhookSecret) };
}

/**
 * ADMIN_TOKEN and ACTION_LINK_SECRET (and MONITORING_WEBHOOK_SECRET) from the environment when set; otherwise from
 * `<dataDir>/secrets.json`, generated on first use and kept so that tokens and emailed links
 * survive restarts. The file is written atomically with mode 0600 and tightened if it was
 * loosened; when the environment provides both values the file is neither read nor created.
 */
export async function loadOrCreateSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedSecrets> {
  const fromEnv = { adminToken: env.ADMIN_TOKEN?.trim() || undefined, actionLinkSecret: env.ACTION_LINK_SECRET?.trim() || undefined };
  const webhookFromEnv = env.MONITORING_WEBHOOK_SECRET?.trim() || undefined;
  if (fromEnv.adminToken && fromEnv.actionLinkSecret) {
    return {
      adminToken: fromEnv.adminToken,
      actionLinkSecret: fromEnv.actionLinkSecret,
      monitoringWebhookSecret: webhookFromEnv ?? null,
      source: { adminToken: 'env', actionLinkSecret: 'env' },
      created: false,
    };
  }

  const file = path.join(dataDir, 'secrets.json');
  const stored = (await readSecretsFile(file)) ?? {};
  const complete: LocalSecrets = {
    adminToken: stored.adminToken ?? generate(),
    actionLinkSecret: stored.actionLinkSecret ?? generate(),
    monitoringWebhookSecret: stored.monitoringWebhookSecret ?? generate(),
  };
  // A file from before the webhook existed gains its secret; the others are kept as they are.
  const created = !stored.adminToken || !stored.actionLinkSecret || !stored.monitoringWebhookSecret;
  if (created) {
    // 0755 rather than 0700: when run as root, the embedded PostgreSQL's OS user must pass through.
    await mkdir(dataDir, { recursive: true, mode: 0o755 });
    const staging = `${file}.${process.pid}.tmp`;
    await writeFile(staging, `${JSON.stringify(complete, null, 2)}\n`, { mode: 0o600 });
    await chmod(staging, 0o600); // the mode option is filtered by the umask
    await rename(staging, file);
  } else if (((await stat(file)).mode & 0o077) !== 0) {
    await chmod(file, 0o600);
  }
  return {
    adminToken: fromEnv.adminToken ?? complete.adminToken,
    actionLinkSecret: fromEnv.actionLinkSecret ?? complete.actionLinkSecret,
    monitoringWebhookSecret: webhookFromEnv ?? complete.monitoringWebhookSecret,
    source: { adminToken: fromEnv.adminToken ? 'env' : 'file', actionLinkSecret: fromEnv.actionLinkSecret ? 'env' : 'file' },
    file,
    created,
  };
}
