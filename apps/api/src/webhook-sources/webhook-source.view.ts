import { ApiProperty } from '@nestjs/swagger';
import type { WebhookSourceEntity, WebhookSourceKind } from '@aigov/persistence/entities';
import { WEBHOOK_SOURCE_KINDS } from './webhook-source.dto';

export class WebhookSourceSystemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

/** A webhook source as admins see it: never its secret, which is shown once when made. */
export class WebhookSourceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: WEBHOOK_SOURCE_KINDS, description: "'standard' monitoring events or 'mlflow' model registry webhooks" }) kind: WebhookSourceKind;
  @ApiProperty({ description: "where the source posts: POST this path, signed in the Standard Webhooks scheme (standard) or as MLflow signs its webhooks (mlflow)" }) deliveryPath: string;
  @ApiProperty({ description: 'may act on every AI system' }) allSystems: boolean;
  @ApiProperty({ type: [WebhookSourceSystemView], description: 'the systems it may act on (empty with allSystems)' }) aiSystems: WebhookSourceSystemView[];
  @ApiProperty({ description: 'false once disabled: its deliveries are refused' }) active: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) secretCreatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'after a rotation, the previous secret is accepted until then' })
  previousSecretExpiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

/** The answer to creating a source or rotating its secret: the only time the secret is shown. */
export class WebhookSourceSecretView {
  @ApiProperty({ type: WebhookSourceView }) source: WebhookSourceView;
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'the signing secret (whsec_ and base64 of 32 random bytes); shown only this once' })
  secret: string;
}

export const deliveryPathOf = (id: string, kind: WebhookSourceKind = 'standard') =>
  kind === 'mlflow' ? `/api/v1/mlflow/webhooks/${id}` : `/api/v1/monitoring/webhooks/${id}`;

export function toWebhookSourceView(source: WebhookSourceEntity, systems: WebhookSourceSystemView[], now: Date): WebhookSourceView {
  const previous = source.previousSecretExpiresAt && source.previousSecretExpiresAt > now ? source.previousSecretExpiresAt.toISOString() : null;
  return {
    id: source.id,
    name: source.name,
    kind: source.kind,
    deliveryPath: deliveryPathOf(source.id, source.kind),
    allSystems: source.allSystems,
    aiSystems: source.allSystems ? [] : systems,
    active: source.active,
    secretCreatedAt: source.secretCreatedAt.toISOString(),
    previousSecretExpiresAt: previous,
    disabledAt: source.disabledAt?.toISOString() ?? null,
    createdAt: source.createdAt.toISOString(),
    updatedAt: source.updatedAt.toISOString(),
  };
}
