import { useState, type FormEvent } from 'react';
import { TextArea, TextField } from '../../../components/Field';
import { fieldError, FormProblem } from '../../../components/FormProblem';
import type { AiSystemDetail } from '../system-queries';
import { useDeploy } from '../use-system-actions';
import { ArtifactFields, EMPTY_ARTIFACT, isBlank, toArtifact, type ArtifactDraft } from './ArtifactFields';
import { mutateThen } from '../../../api/mutate-then';

const NAMED = ['version', 'environment', 'configuration', 'model', 'datasets'];

/**
 * Record a deployment: the version (an approved change's, when one waits), where, and optionally
 * its configuration, model and data as evidence of what runs.
 */
export function DeployForm({ system, onDone }: { system: AiSystemDetail; onDone: (message: string) => void }) {
  const deploy = useDeploy(system.id);
  const [version, setVersion] = useState(system.pendingChange?.status === 'approved' ? (system.pendingChange.version ?? '') : (system.lastApprovedVersion ?? '1.0.0'));
  const [environment, setEnvironment] = useState('production');
  const [configuration, setConfiguration] = useState('');
  const [model, setModel] = useState<ArtifactDraft>(EMPTY_ARTIFACT);
  const [dataset, setDataset] = useState<ArtifactDraft>(EMPTY_ARTIFACT);
  const [configProblem, setConfigProblem] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    let parsed: Record<string, unknown> | undefined;
    if (configuration.trim()) {
      try {
        parsed = JSON.parse(configuration) as Record<string, unknown>;
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      } catch {
        setConfigProblem('Write the configuration as a JSON object, e.g. {"temperature": 0.2}, or leave it empty.');
        return;
      }
    }
    setConfigProblem(null);
    mutateThen(
      deploy,
      {
        version: version.trim(),
        environment: environment.trim(),
        ...(parsed ? { configuration: parsed } : {}),
        ...(isBlank(model) ? {} : { model: toArtifact(model) }),
        ...(isBlank(dataset) ? {} : { datasets: [toArtifact(dataset)] }),
      },
      (deployed) => onDone(`Version ${deployed.currentVersion ?? version.trim()} is deployed: the system is in ${deployed.stage.replace(/_/g, ' ')}.`),
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Deploy">
      <FormProblem error={deploy.error && !fieldError(deploy.error, ...NAMED) ? deploy.error : null} />
      <TextField label="Version" hint="The approved version's label, e.g. 1.0.0." name="version" value={version} maxLength={100} onChange={(e) => setVersion(e.target.value)} error={fieldError(deploy.error, 'version')} />
      <TextField label="Environment" name="environment" value={environment} maxLength={100} onChange={(e) => setEnvironment(e.target.value)} error={fieldError(deploy.error, 'environment')} />
      <details className="optional-fields" open={fieldError(deploy.error, 'model', 'datasets', 'configuration') || configProblem ? true : undefined}>
        <summary>Model, data and configuration (optional evidence)</summary>
        <ArtifactFields legend="Model deployed" field="model" value={model} onChange={setModel} error={deploy.error} />
        <ArtifactFields legend="Training or evaluation data" field="datasets.0" value={dataset} onChange={setDataset} error={deploy.error} />
        <TextArea label="Configuration (JSON)" name="configuration" rows={3} value={configuration} onChange={(e) => setConfiguration(e.target.value)} error={configProblem ?? fieldError(deploy.error, 'configuration')} spellCheck={false} />
      </details>
      <button type="submit" className="button" disabled={deploy.isPending}>
        {deploy.isPending ? 'Deploying…' : `Deploy version ${version.trim() || '…'}`}
      </button>
    </form>
  );
}
