import { isGuardedAlias, loadMlflowWebhookConfig } from './mlflow-webhook.config';

describe('MLflow webhook configuration', () => {
  it('guards champion and production unless told otherwise, whatever their case', () => {
    const config = loadMlflowWebhookConfig({});
    expect(config).toEqual({ guardedAliases: ['champion', 'production'], guardAll: false });
    expect(isGuardedAlias(config, 'Champion')).toBe(true);
    expect(isGuardedAlias(config, 'challenger')).toBe(false);
  });

  it('reads MLFLOW_GUARDED_ALIASES as a comma-separated list, or * for every alias', () => {
    const config = loadMlflowWebhookConfig({ MLFLOW_GUARDED_ALIASES: ' prod , serving-eu,PROD ' });
    expect(config.guardedAliases).toEqual(['prod', 'serving-eu']);
    expect(isGuardedAlias(config, 'champion')).toBe(false);
    const all = loadMlflowWebhookConfig({ MLFLOW_GUARDED_ALIASES: '*' });
    expect(isGuardedAlias(all, 'anything')).toBe(true);
  });

  it('names the variable when an entry is not an alias name', () => {
    expect(() => loadMlflowWebhookConfig({ MLFLOW_GUARDED_ALIASES: 'champion,,production' })).toThrow(/MLFLOW_GUARDED_ALIASES/);
    expect(() => loadMlflowWebhookConfig({ MLFLOW_GUARDED_ALIASES: 'champion;production' })).toThrow(/MLFLOW_GUARDED_ALIASES: 'champion;production' is not an alias name/);
  });
});
