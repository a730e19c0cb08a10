import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from '@aigov/domain/webhooks/webhook-event-types';

const EVENTS_MESSAGE = `each event must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`;

export class CreateWebhookSubscriptionDto {
  @ApiProperty({
    example: 'https://receiver.example/aigov',
    description:
      'http or https; by default only public addresses (loopback, private and link-local ones are refused unless WEBHOOK_ALLOW_PRIVATE_DESTINATIONS=true); no user name, password or fragment',
  })
  @IsString()
  @Length(1, 2000)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, example: ['ai_system.stage_changed', 'approval.decided'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: EVENTS_MESSAGE })
  events: WebhookEventType[];

  @ApiPropertyOptional({ example: 'Risk team Slack bridge', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  description?: string;
}

/** Only the fields present change. `active: false` disables (deliveries waiting are cancelled), `true` enables again. */
export class UpdateWebhookSubscriptionDto {
  @ApiPropertyOptional({ description: 'as on creation' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: EVENTS_MESSAGE })
  events?: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  description?: string;

  @ApiPropertyOptional({ description: 'false disables the subscription, true enables it again (also after a 410 Gone)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class RotateWebhookSecretDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 168,
    default: 24,
    description: 'hours the previous secret keeps signing beside the new one (both signatures are sent), so the receiver can switch without losing deliveries; 0 stops it at once',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(168)
  previousSecretHours?: number;
}

export class WebhookSubscriptionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) events: WebhookEventType[];
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, enum: ['manual', 'gone'], nullable: true, description: "why it is disabled: by a person, or its endpoint answered 410 Gone" })
  disabledReason: 'manual' | 'gone' | null;
  @ApiProperty({ type: String, nullable: true }) disabledAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'until when the secret before the last rotation still signs' })
  previousSecretExpiresAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CreatedWebhookSubscriptionView {
  @ApiProperty({ type: WebhookSubscriptionView }) subscription: WebhookSubscriptionView;
  @ApiProperty({ description: 'the signing secret (whsec_...); shown once, stored encrypted, never shown again', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret: string;
}

export class WebhookEventTypeView {
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES }) type: WebhookEventType;
  @ApiProperty() description: string;
}

export class WebhookAttemptView {
  @ApiProperty({ minimum: 1 }) attempt: number;
  @ApiProperty() startedAt: string;
  @ApiProperty({ minimum: 0 }) durationMs: number;
  @ApiProperty({ type: Number, nullable: true, description: 'the HTTP status answered; null when there was no answer' }) statusCode: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'why there was no answer (refused, timed out, connection error)' }) error: string | null;
}

export class WebhookDeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'the event id, sent as webhook-id on every attempt' }) eventId: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES }) eventType: WebhookEventType;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed', 'gone', 'cancelled'] }) status: 'pending' | 'delivered' | 'failed' | 'gone' | 'cancelled';
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) settledAt: string | null;
  @ApiProperty({ type: WebhookAttemptView, isArray: true, description: 'every POST made, oldest first' }) attempts: WebhookAttemptView[];
}
