import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { MLFLOW_DELIVERY_ID_HEADER, MLFLOW_SIGNATURE_HEADER, MLFLOW_TIMESTAMP_HEADER } from '@aigov/notifications/mlflow-webhook-signature';
import { Public } from '../auth/auth.decorators';
import { rawBodyOf } from '../monitoring/raw-body';
import { RateLimit } from '../rate-limit/rate-limit.decorator';
import { HANDLED_MLFLOW_EVENTS } from './mlflow-event';
import { MlflowDeliveriesService } from './mlflow-deliveries.service';
import { MlflowDeliveryResultView } from './model-registry.view';

/**
 * MLflow's model registry webhooks (MLflow 3.3 and later) are delivered here. Each MLflow server
 * is a webhook source of kind `mlflow` (admins create it under /webhook-sources); its secret is
 * the `secret` given to MLflow's `create_webhook`, and MLflow signs every delivery with it.
 */
@ApiTags('model-registry')
@Public()
@RateLimit({ name: 'webhook', by: 'ip' })
@Controller('mlflow')
export class MlflowWebhookController {
  constructor(private readonly deliveries: MlflowDeliveriesService) {}

  @Post('webhooks/:sourceId')
  @HttpCode(201)
  @ApiParam({ name: 'sourceId', description: 'the webhook source of kind mlflow (its deliveryPath names it)' })
  @ApiHeader({ name: 'X-MLflow-Delivery-Id', required: true, description: 'unique per delivery (at most 255 characters); an id delivered before is refused (409)' })
  @ApiHeader({ name: 'X-MLflow-Timestamp', required: true, description: 'seconds since the epoch; refused when more than 5 minutes from our clock' })
  @ApiHeader({ name: 'X-MLflow-Signature', required: true, description: "v1,<base64 HMAC-SHA256 of '<delivery id>.<timestamp>.<body>' keyed with the source's secret as UTF-8>" })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['entity', 'action', 'timestamp', 'data'],
      properties: {
        entity: { type: 'string', example: 'model_version' },
        action: { type: 'string', example: 'created' },
        timestamp: { type: 'string', format: 'date-time', example: '2025-07-31T08:27:32.080217+00:00' },
        data: { type: 'object', additionalProperties: true, example: { name: 'fraud-scoring', version: '7', source: 'models:/m-abc123', run_id: 'abc123', tags: {}, description: null } },
        workspace: { type: 'string' },
      },
    },
    description: `MLflow's envelope; handled events: ${HANDLED_MLFLOW_EVENTS.join(', ')}`,
  })
  @ApiOperation({
    summary: 'MLflow reports a model registry event about a governed model (signed as MLflow signs its webhooks)',
    description:
      'A new version of a system in operation opens a material change proposal for its owner; a guarded alias (MLFLOW_GUARDED_ALIASES, default champion and production) ' +
      "on a version never approved for the system records a critical incident that the tier's monitoring policy answers (and can suspend), opens an incident review and tells " +
      'the owner and the governance office; everything else is recorded. Every accepted delivery is audited. Refusals write nothing: 401 unknown, disabled or non-MLflow source, ' +
      'missing or wrong signature, timestamp outside ±5 minutes; 400 a body that is not MLflow\'s envelope (field names the part); 422 an event not handled here (entity) or a ' +
      'registered model no live system names (data.name): MLflow does not retry a 4xx; 403 a system the source may not act on; 409 a delivery id delivered before; 429 too many requests.',
  })
  @ApiCreatedResponse({ type: MlflowDeliveryResultView })
  receive(@Param('sourceId') sourceId: string, @Req() request: FastifyRequest): Promise<MlflowDeliveryResultView> {
    const headers = request.headers;
    return this.deliveries.receive(
      sourceId,
      {
        [MLFLOW_DELIVERY_ID_HEADER]: headers[MLFLOW_DELIVERY_ID_HEADER],
        [MLFLOW_TIMESTAMP_HEADER]: headers[MLFLOW_TIMESTAMP_HEADER],
        [MLFLOW_SIGNATURE_HEADER]: headers[MLFLOW_SIGNATURE_HEADER],
      },
      rawBodyOf(request),
      request.body,
    );
  }
}
