import { useQuery } from '@tanstack/react-query';
import { formatDateTime, humanize } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import type { components } from '../../api/schema';
import type { AiSystemDetail } from './system-queries';
import { versionsQuery } from './system-queries';

type Artifact = components['schemas']['ArtifactRefDto'];

/** Every version that ran, newest first: its approval round, model and data with checksums, and each deployment. */
export function VersionsTab({ systemId, deployments }: { systemId: string; deployments: AiSystemDetail['deployments'] }) {
  const registry = useQuery(versionsQuery(systemId));
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">Versions and artifacts</h2>
      {registry.isPending ? (
        <LoadingState label="Loading the versions…" />
      ) : registry.isError ? (
        <ErrorState error={registry.error} onRetry={() => void registry.refetch()} />
      ) : registry.data.versions.length === 0 ? (
        <EmptyState title="Nothing deployed yet">
          <p>A version appears here once it is deployed, with the model and data it runs on.</p>
        </EmptyState>
      ) : (
        registry.data.versions.map((version) => (
          <section key={version.version} className="panel" aria-labelledby={`version-${version.version}`}>
            <h3 id={`version-${version.version}`}>
              Version {version.version} {version.current ? <span className="marker marker--current">Running now</span> : null}
            </h3>
            <p className="panel__meta">
              Approved in round {version.approvalRound} · first deployed {formatDateTime(version.firstDeployedAt)}
            </p>
            <dl className="facts">
              <div className="facts__row">
                <dt>Model</dt>
                <dd>{version.model ? <ArtifactText artifact={version.model} /> : 'not recorded'}</dd>
              </div>
              <div className="facts__row">
                <dt>Data</dt>
                <dd>
                  {version.datasets.length ? (
                    <ul className="plain-list">
                      {version.datasets.map((dataset) => (
                        <li key={`${dataset.name}@${dataset.version}`}>
                          <ArtifactText artifact={dataset} />
                        </li>
                      ))}
                    </ul>
                  ) : (
                    'not recorded'
                  )}
                </dd>
              </div>
              {Object.keys(version.approvedConfiguration).length ? (
                <div className="facts__row">
                  <dt>Configuration</dt>
                  <dd>
                    <code className="code-block">{JSON.stringify(version.approvedConfiguration, null, 2)}</code>
                  </dd>
                </div>
              ) : null}
            </dl>
            <h4>Deployments</h4>
            <ul className="plain-list">
              {version.deployments.map((deployment) => (
                <li key={deployment.id}>
                  {humanize(deployment.kind)} to {deployment.environment} · {formatDateTime(deployment.deployedAt)}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      {deployments.length ? (
        <p className="panel__meta">
          {deployments.length === 1 ? 'One deployment' : `${deployments.length} deployments`} in all, the last {formatDateTime(deployments.at(-1)!.deployedAt)}.
        </p>
      ) : null}
    </section>
  );
}

function ArtifactText({ artifact }: { artifact: Artifact }) {
  return (
    <>
      {artifact.name} {artifact.version} <code className="checksum">{artifact.checksum}</code>
    </>
  );
}
