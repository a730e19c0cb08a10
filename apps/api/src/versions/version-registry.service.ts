import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ArtifactRef } from '@aigov/domain/artifact-ref';
import { aiSystemResource, requireAllowed } from '../auth/access';
import { AiSystemsService } from '../ai-systems/ai-systems.service';
import type { UserPrincipal } from '../auth/principal';
import { isoDate } from '../common/iso-date';
import { VersionRegistryView, VersionView } from './version-registry.view';

interface DeploymentRow {
  id: string;
  version: string;
  environment: string;
  configuration: Record<string, unknown>;
  approval_round: number;
  kind: string;
  deployed_by_id: string | null;
  deployed_at: Date;
  model_artifact: ArtifactRef | null;
  data_artifacts: ArtifactRef[];
}

/**
 * Every version an AI system has run: the approval round behind it, the model and data it ran
 * with (checksums included), the configuration it was approved and first deployed with, and
 * each deployment, redeployment and rollback to it.
 */
@Injectable()
export class VersionRegistryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly systems: AiSystemsService,
  ) {}

  async registry(systemId: string, me: UserPrincipal): Promise<VersionRegistryView> {
    const system = await this.systems.load(systemId);
    requireAllowed(me, 'ai_system.read', aiSystemResource(system));
    const rows: DeploymentRow[] = await this.dataSource.query(
      `SELECT id, version, environment, configuration, approval_round, kind, deployed_by_id, deployed_at, model_artifact, data_artifacts
         FROM deployments WHERE ai_system_id = $1 ORDER BY deployed_at, id`,
      [systemId],
    );
    const byVersion = new Map<string, DeploymentRow[]>();
    for (const row of rows) byVersion.set(row.version, [...(byVersion.get(row.version) ?? []), row]);
    const versions: VersionView[] = [...byVersion.entries()].map(([version, deployments]) => {
      const first = deployments.find((d) => d.kind === 'deploy') ?? deployments[0];
      const latest = deployments[deployments.length - 1];
      return {
        version,
        approvalRound: first.approval_round,
        current: version === system.currentVersion,
        model: latest.model_artifact,
        datasets: latest.data_artifacts ?? [],
        approvedConfiguration: first.configuration,
        firstDeployedAt: isoDate(first.deployed_at)!,
        deployments: deployments.map((d) => ({
          id: d.id,
          kind: d.kind,
          environment: d.environment,
          deployedAt: isoDate(d.deployed_at)!,
          deployedById: d.deployed_by_id,
        })),
      };
    });
    versions.sort((a, b) => b.firstDeployedAt.localeCompare(a.firstDeployedAt));
    return { aiSystemId: systemId, currentVersion: system.currentVersion, versions };
  }
}
