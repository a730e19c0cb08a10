import { KeyObject, randomBytes } from 'node:crypto';
import { DEFAULT_CONTROL_CATALOG_DIR } from './control-catalog.loader';
import { DEFAULT_QUESTIONNAIRE_FILE } from './questionnaire-file.loader';
import { loadRequestBodyBounds, type RequestBodyBounds } from './request-body-bounds.config';
import { loadAuditCheckpointKey, loadRetiredCheckpointKeys } from './audit-checkpoint-key.config';
import { loadLegacyMonitoringWebhookSecret, loadWebhookSecretKey } from './monitoring-webhook.config';
import { loadRateLimits, type RateLimits } from './rate-limit.config';
import { loadTrustProxy, type TrustProxySetting } from './trust-proxy.config';
import { apiTokenLifetimes, ApiTokenLifetimes } from './api-token-lifetimes';
import { loadWebhookDeliveryConfig, WebhookDeliveryConfig } from './webhook-delivery.config';
import { payloadKeysFromEnv, TemporalPayloadKeys } from './temporal-payload-keys';
import { temporalTlsFromEnv, TemporalTls } from './temporal-tls';
import { loadOidcConfig, type OidcConfig } from './oidc-config';
import { loadMlflowWebhookConfig, type MlflowWebhookConfig } from './mlflow-webhook.config';
import { loadInventoryImportLimits, type InventoryImportLimits } from './inventory-import.config';
import { ConfigFail, isoDurationFromEnv } from './iso-duration-env';

const DAY_MS = 86_400_000;

/** How the loaders of a part of the configuration refuse a variable: the one ConfigError. */
const failConfig: ConfigFail = (variable, reason) => {
  throw new ConfigError(variable, reason);
};

/**
 * The process configuration, parsed once from the environment into a typed object so that a
 * bad value stops the process at start with the variable's name, not later with a stack trace.
 */
export interface AppConfig {
  host: string;
  port: number;
  publicBaseUrl: string;
  databaseUrl: string;
  /** payloadKeys: null keeps payloads in plain JSON (see temporal-payload-keys.ts for when that is allowed) */
  /**
   * updateWaitMs: how long the API waits for a workflow Update's outcome before it answers 503
   * ("the action may still complete"); without a bound a request queued behind a burst of work
   * on the workers stayed open for minutes (over 300 s in the 10,000-system benchmark), past
   * what browsers, proxies and scripts wait.
   */
  temporal: { address: string; namespace: string; taskQueue: string; payloadKeys: TemporalPayloadKeys | null; tls: TemporalTls | null; updateWaitMs: number };
  /** browser origins (the Temporal UI's) allowed to call the codec endpoint with credentials */
  temporalCodecCorsOrigins: string[];
  smtpUrl: string;
  mailFrom: string;
  /**
   * how long mail that went out (or was cancelled) stays in the outbox before the worker deletes
   * it (EMAIL_RETENTION, ISO-8601, default 90 days, at least a day): the rows hold addresses and
   * bodies, personal data kept no longer than a question about a prompt ("was I mailed?") needs;
   * the audit trail, not the outbox, is the record of what happened. At least a day, because a
   * row's idempotency key is what stops a retried activity, or a daily scan overlapping the one
   * before, from mailing someone twice
   */
  emailRetentionMs: number;
  /** bootstrap admin bearer token; never logged */
  adminToken: string;
  /** HMAC key for action links; never logged */
  actionLinkSecret: string;
  /** deprecated shared secret of POST /monitoring/webhook; null unless MONITORING_WEBHOOK_LEGACY=true (monitoring-webhook.config.ts) */
  monitoringWebhookSecret: string | null;
  /** WEBHOOK_SECRET_KEY: encrypts webhook sources' secrets at rest; null derives it from actionLinkSecret */
  webhookSecretKey: Buffer | null;
  /** token buckets on the endpoints reached without signing in (rate-limit.config.ts) */
  rateLimits: RateLimits;
  /** Fastify's trustProxy: whose X-Forwarded-For names the client (trust-proxy.config.ts); off by default */
  trustProxy: TrustProxySetting;
  /** bounds on a request body's nesting and size, checked before validation (request-body-bounds.config.ts) */
  requestBodyBounds: RequestBodyBounds;
  /** Ed25519 private key that signs audit checkpoints (audit-checkpoint-key.config.ts); null: checkpoints off; never logged */
  auditCheckpointKey: KeyObject | null;
  /** public keys of earlier checkpoint signing keys, still accepted when verifying (AUDIT_CHECKPOINT_RETIRED_PUBLIC_KEYS) */
  auditCheckpointRetiredKeys: KeyObject[];
  /** how long an emailed action link stays valid */
  actionLinkTtlMs: number;
  /** how long an emailed sign-in link stays valid */
  signInLinkTtlMs: number;
  /** a session ends after this long without a request (sliding) */
  sessionIdleTtlMs: number;
  /** a session ends this long after sign-in, however active */
  sessionAbsoluteTtlMs: number;
  /** personal API tokens: default and longest life, overlap after rotation */
  apiTokens: ApiTokenLifetimes;
  policyFile: string;
  /** the control catalogs and crosswalk (config/catalog) */
  controlCatalogDir: string;
  /** the impact assessment questionnaire a fresh installation starts with (QUESTIONNAIRE_FILE; questionnaire-file.loader.ts) */
  questionnaireFile: string;
  workflowBundlePath?: string;
  /** pino level of the JSON logs (LOG_LEVEL) */
  logLevel: LogLevelName;
  /** bearer token for GET /metrics; unset: the API answers /metrics with 404 (the worker's loopback server still serves it) */
  metricsToken: string | null;
  /** the worker's own small HTTP server (metrics and health), loopback by default */
  workerHttp: { host: string; port: number };
  /** how much the worker keeps and runs at once; bounds its memory whatever the number of systems */
  workerTuning: WorkerTuning;
  /** outbound webhooks: SSRF setting, timeouts, backoff, keys of the subscriptions' secrets (webhook-delivery.config.ts) */
  webhooks: WebhookDeliveryConfig;
  /** single sign-on (OIDC_*); null when OIDC_ISSUER is unset */
  oidc: OidcConfig | null;
  /** the MLflow model registry receiver: which aliases are guarded (MLFLOW_GUARDED_ALIASES; mlflow-webhook.config.ts) */
  mlflow: MlflowWebhookConfig;
  /** the inventory import's file limits (IMPORT_MAX_ROWS, IMPORT_MAX_BYTES; inventory-import.config.ts) */
  inventoryImport: InventoryImportLimits;
}

/**
 * The worker's cache and slots. A workflow that is not cached is replayed from its history when
 * it next has work, which costs CPU; a cached one costs memory. Measured with the benchmark
 * (1,000 systems driven to operation, their reviews falling due together, 2026-11-30):
 * - cache 250: worker 476 MiB, throughput 0.69x bare Temporal, review lag p99 36 s;
 * - cache 1,000: worker 626 MiB, throughput 0.93x, review lag p99 7.5 s.
 * A cached workflow costs roughly 0.2-0.3 MiB. The SDK's own default sizes the cache by the heap
 * limit (about 900 workflows on a 4 GiB heap); this one is fixed, so memory stops growing at
 * the cache's size however many systems run. Set it lower where memory is scarce and bursts
 * are rare.
 */
export interface WorkerTuning {
  maxCachedWorkflows: number;
  maxConcurrentWorkflowTasks: number;
  maxConcurrentActivities: number;
  maxConcurrentLocalActivities: number;
}

export const DEFAULT_MAX_CACHED_WORKFLOWS = 1000;

function workerTuning(env: NodeJS.ProcessEnv): WorkerTuning {
  const maxCachedWorkflows = integer(env, 'WORKER_MAX_CACHED_WORKFLOWS', DEFAULT_MAX_CACHED_WORKFLOWS, 2, 100_000);
  // The SDK refuses more concurrent workflow tasks than cached workflows.
  const maxConcurrentWorkflowTasks = integer(env, 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS', Math.min(40, maxCachedWorkflows), 2, 10_000);
  if (maxConcurrentWorkflowTasks > maxCachedWorkflows) {
    throw new ConfigError('WORKER_MAX_CONCURRENT_WORKFLOW_TASKS', `must not exceed WORKER_MAX_CACHED_WORKFLOWS (${maxCachedWorkflows})`);
  }
  return {
    maxCachedWorkflows,
    maxConcurrentWorkflowTasks,
    maxConcurrentActivities: integer(env, 'WORKER_MAX_CONCURRENT_ACTIVITIES', 100, 1, 10_000),
    maxConcurrentLocalActivities: integer(env, 'WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES', 100, 1, 10_000),
  };
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`configuration: ${variable}: ${reason}`);
  }
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(name, 'is required');
  return value;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}, got '${raw}'`);
  }
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, fallback?: string): string {
  const raw = env[name]?.trim() || fallback;
  if (!raw) throw new ConfigError(name, 'is required');
  try {
    new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL`);
  }
  return raw.replace(/\/+$/, '');
}

/** Where `npm start`'s Temporal dev server serves its UI. */
const LOCAL_TEMPORAL_UI_ORIGINS = ['http://127.0.0.1:8233', 'http://localhost:8233'];

/** Comma-separated browser origins (scheme://host[:port], no path), as a browser sends them in Origin. */
function origins(env: NodeJS.ProcessEnv, name: string, fallback: string[]): string[] {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  return raw.split(',').map((entry) => {
    const value = entry.trim();
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new ConfigError(name, `'${value.slice(0, 100)}' is not an origin like https://temporal-ui.example.com`);
    }
    if (!/^https?:$/.test(parsed.protocol) || parsed.origin !== value.replace(/\/$/, '')) {
      throw new ConfigError(name, `'${value.slice(0, 100)}' is not an origin like https://temporal-ui.example.com (scheme, host and port only)`);
    }
    return parsed.origin;
  });
}

/** A secret from the environment, or (for local use only) a random one for this process. */
function secret(env: NodeJS.ProcessEnv, name: string, allowGenerated: boolean): string {
  const value = env[name]?.trim();
  if (value) {
    if (value.length < 16) throw new ConfigError(name, 'must be at least 16 characters');
    return value;
  }
  if (!allowGenerated) throw new ConfigError(name, 'is required');
  return randomBytes(32).toString('base64url');
}

function logLevel(env: NodeJS.ProcessEnv): LogLevelName {
  const raw = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got '${raw}'`);
  return raw as LogLevelName;
}

/** Idle and absolute session lifetimes; an idle limit beyond the absolute one would never apply. */
function sessionLifetimes(env: NodeJS.ProcessEnv): { sessionIdleTtlMs: number; sessionAbsoluteTtlMs: number } {
  const sessionIdleTtlMs = integer(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60) * 60_000;
  const sessionAbsoluteTtlMs = integer(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30) * 3600_000;
  if (sessionIdleTtlMs > sessionAbsoluteTtlMs) throw new ConfigError('SESSION_IDLE_MINUTES', 'must not be longer than SESSION_ABSOLUTE_HOURS');
  return { sessionIdleTtlMs, sessionAbsoluteTtlMs };
}

export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const host = env.HOST?.trim() || '127.0.0.1';
  const port = integer(env, 'PORT', 3000, 0, 65535);
  // Generated secrets are only acceptable outside production; `npm start` persists its own.
  const allowGenerated = env.NODE_ENV !== 'production';
  // read in this order so a missing secret is named as before: the admin token first
  const adminToken = secret(env, 'ADMIN_TOKEN', allowGenerated);
  const actionLinkSecret = secret(env, 'ACTION_LINK_SECRET', allowGenerated);
  return {
    host,
    port,
    publicBaseUrl: url(env, 'PUBLIC_BASE_URL', `http://${host}:${port}`),
    databaseUrl: url(env, 'DATABASE_URL'),
    temporal: {
      address: env.TEMPORAL_ADDRESS?.trim() || '127.0.0.1:7233',
      namespace: env.TEMPORAL_NAMESPACE?.trim() || 'default',
      taskQueue: env.TEMPORAL_TASK_QUEUE?.trim() || 'ai-governance',
      payloadKeys: payloadKeysFromEnv(env),
      tls: temporalTlsFromEnv(env),
      updateWaitMs: integer(env, 'TEMPORAL_UPDATE_WAIT_SECONDS', 60, 1, 3600) * 1000,
    },
    temporalCodecCorsOrigins: origins(env, 'TEMPORAL_CODEC_CORS_ORIGINS', env.NODE_ENV === 'production' ? [] : LOCAL_TEMPORAL_UI_ORIGINS),
    smtpUrl: url(env, 'SMTP_URL', 'smtp://127.0.0.1:1025'),
    mailFrom: env.MAIL_FROM?.trim() || 'AI Governance <governance@localhost>',
    emailRetentionMs: isoDurationFromEnv(env, 'EMAIL_RETENTION', 90 * DAY_MS, DAY_MS, 3_650 * DAY_MS, failConfig),
    adminToken,
    actionLinkSecret,
    monitoringWebhookSecret: loadLegacyMonitoringWebhookSecret(env),
    webhookSecretKey: loadWebhookSecretKey(env),
    rateLimits: loadRateLimits(env),
    trustProxy: loadTrustProxy(env),
    requestBodyBounds: loadRequestBodyBounds(env),
    auditCheckpointKey: loadAuditCheckpointKey(env, actionLinkSecret),
    auditCheckpointRetiredKeys: loadRetiredCheckpointKeys(env),
    actionLinkTtlMs: integer(env, 'ACTION_LINK_TTL_HOURS', 168, 1, 24 * 90) * 3600_000,
    signInLinkTtlMs: integer(env, 'SIGN_IN_LINK_TTL_MINUTES', 15, 1, 24 * 60) * 60_000,
    ...sessionLifetimes(env),
    apiTokens: apiTokenLifetimes(env, integer, (variable, reason) => new ConfigError(variable, reason)),
    policyFile: env.GOVERNANCE_POLICY_FILE?.trim() || 'config/governance-policy.yaml',
    controlCatalogDir: env.CONTROL_CATALOG_DIR?.trim() || DEFAULT_CONTROL_CATALOG_DIR,
    questionnaireFile: env.QUESTIONNAIRE_FILE?.trim() || DEFAULT_QUESTIONNAIRE_FILE,
    workflowBundlePath: env.WORKFLOW_BUNDLE_PATH?.trim() || undefined,
    logLevel: logLevel(env),
    metricsToken: env.METRICS_TOKEN?.trim() ? secret(env, 'METRICS_TOKEN', false) : null,
    workerHttp: { host: env.WORKER_HTTP_HOST?.trim() || '127.0.0.1', port: integer(env, 'WORKER_HTTP_PORT', 3001, 0, 65535) },
    workerTuning: workerTuning(env),
    webhooks: loadWebhookDeliveryConfig(env, actionLinkSecret, failConfig),
    oidc: loadOidcConfig(env, url(env, 'PUBLIC_BASE_URL', `http://${host}:${port}`)),
    mlflow: loadMlflowWebhookConfig(env),
    inventoryImport: loadInventoryImportLimits(env, failConfig),
  };
}
