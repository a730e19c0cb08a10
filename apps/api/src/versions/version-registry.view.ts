import { ApiProperty } from '@nestjs/swagger';
import { ArtifactRefDto } from '../ai-systems/dto/lifecycle-actions.dto';

export class DeploymentRecordView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['deploy', 'redeploy', 'rollback'] }) kind: string;
  @ApiProperty() environment: string;
  @ApiProperty() deployedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) deployedById: string | null;
}

export class VersionView {
  @ApiProperty() version: string;
  @ApiProperty({ description: 'the approval round that approved it' }) approvalRound: number;
  @ApiProperty({ description: 'running now' }) current: boolean;
  @ApiProperty({ type: ArtifactRefDto, nullable: true }) model: ArtifactRefDto | null;
  @ApiProperty({ type: [ArtifactRefDto] }) datasets: ArtifactRefDto[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the configuration it was first deployed with' })
  approvedConfiguration: Record<string, unknown>;
  @ApiProperty() firstDeployedAt: string;
  @ApiProperty({ type: [DeploymentRecordView], description: 'every deployment, redeployment and rollback to this version, oldest first' })
  deployments: DeploymentRecordView[];
}

export class VersionRegistryView {
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty({ type: String, nullable: true }) currentVersion: string | null;
  @ApiProperty({ type: [VersionView], description: 'newest first' }) versions: VersionView[];
}
