import { ConfigError } from './app-config';

/**
 * The MLflow model registry receiver's settings (apps/api/src/model-registry).
 *
 * MLFLOW_GUARDED_ALIASES: the aliases that mean "this version serves" in this organisation's
 * MLflow (comma-separated; default `champion,production`). Pointing one of them at a version
 * that was never approved for the governed system opens an incident; any other alias is only
 * recorded. Aliases are names each organisation picks for itself, so they are configuration
 * rather than code. `MLFLOW_GUARDED_ALIASES=*` guards every alias.
 */
export interface MlflowWebhookConfig {
  /** lower-cased alias names; empty with `guardAll` */
  guardedAliases: string[];
  /** `*`: every alias is guarded */
  guardAll: boolean;
}

export const DEFAULT_GUARDED_ALIASES = ['champion', 'production'] as const;

/** MLflow's alias names: word characters and dashes (mlflow/utils/validation.py `^[\w\-]*$`, at most 255). */
const ALIAS = /^[\p{L}\p{N}_-]{1,255}$/u;

export function loadMlflowWebhookConfig(env: NodeJS.ProcessEnv): MlflowWebhookConfig {
  const raw = env.MLFLOW_GUARDED_ALIASES?.trim();
  if (!raw) return { guardedAliases: [...DEFAULT_GUARDED_ALIASES], guardAll: false };
  if (raw === '*') return { guardedAliases: [], guardAll: true };
  const aliases = raw.split(',').map((a) => a.trim());
  const bad = aliases.find((a) => !ALIAS.test(a));
  if (bad !== undefined) {
    throw new ConfigError('MLFLOW_GUARDED_ALIASES', `'${bad.slice(0, 40)}' is not an alias name (letters, digits, _ and -), or use * for every alias`);
  }
  return { guardedAliases: [...new Set(aliases.map((a) => a.toLowerCase()))], guardAll: false };
}

/** Whether pointing `alias` at a version needs that version to be approved. */
export function isGuardedAlias(config: MlflowWebhookConfig, alias: string): boolean {
  return config.guardAll || config.guardedAliases.includes(alias.toLowerCase());
}
