import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { ApiPageResponse, PageQueryDto } from '../common/pagination';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import {
  CreatedWebhookSubscriptionView,
  CreateWebhookSubscriptionDto,
  RotateWebhookSecretDto,
  UpdateWebhookSubscriptionDto,
  WebhookDeliveryView,
  WebhookEventTypeView,
  WebhookSubscriptionView,
} from './dto/webhook-subscription.dto';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';

@ApiTags('webhook-subscriptions')
@ApiBearerAuth()
@Controller('webhook-subscriptions')
export class WebhookSubscriptionsController {
  constructor(private readonly subscriptions: WebhookSubscriptionsService) {}

  @Get('event-types')
  @Allow('webhook_subscription.read')
  @ApiOperation({ summary: 'The event types a subscription can ask for, with what each reports' })
  @ApiOkResponse({ type: WebhookEventTypeView, isArray: true })
  eventTypes(): WebhookEventTypeView[] {
    return this.subscriptions.eventTypes();
  }

  @Post()
  @Allow('webhook_subscription.manage')
  @ApiOperation({
    summary: 'Subscribe a URL to lifecycle events (admin)',
    description: 'Answers the signing secret once (Standard Webhooks, whsec_ format); it is stored encrypted and never shown again.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookSubscriptionView })
  create(@Body() dto: CreateWebhookSubscriptionDto, @CurrentUser() me: UserPrincipal): Promise<CreatedWebhookSubscriptionView> {
    return this.subscriptions.create(dto, me);
  }

  @Get()
  @Allow('webhook_subscription.read')
  @ApiOperation({ summary: 'List webhook subscriptions, newest first (never their secrets)' })
  @ApiPageResponse(WebhookSubscriptionView)
  list(@Query() q: PageQueryDto) {
    return this.subscriptions.list(q.page, q.pageSize);
  }

  @Get(':id')
  @Allow('webhook_subscription.read')
  @ApiOkResponse({ type: WebhookSubscriptionView })
  get(@Param('id', UuidParamPipe) id: string): Promise<WebhookSubscriptionView> {
    return this.subscriptions.get(id);
  }

  @Patch(':id')
  @HttpCode(200)
  @Allow('webhook_subscription.manage')
  @ApiOperation({ summary: 'Change the URL, events or description, or disable / enable (admin)' })
  @ApiOkResponse({ type: WebhookSubscriptionView })
  update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdateWebhookSubscriptionDto, @CurrentUser() me: UserPrincipal): Promise<WebhookSubscriptionView> {
    return this.subscriptions.update(id, dto, me);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Allow('webhook_subscription.manage')
  @ApiOperation({ summary: 'Draw a new signing secret, shown once; the previous one keeps signing for a while (admin)' })
  @ApiOkResponse({ type: CreatedWebhookSubscriptionView })
  rotate(@Param('id', UuidParamPipe) id: string, @Body() dto: RotateWebhookSecretDto, @CurrentUser() me: UserPrincipal): Promise<CreatedWebhookSubscriptionView> {
    return this.subscriptions.rotateSecret(id, dto.previousSecretHours, me);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow('webhook_subscription.manage')
  @ApiOperation({ summary: 'Delete a subscription with its deliveries (admin); the audit trail keeps it' })
  @ApiNoContentResponse()
  async remove(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<void> {
    await this.subscriptions.remove(id, me);
  }

  @Get(':id/deliveries')
  @Allow('webhook_subscription.read')
  @ApiOperation({ summary: "A subscription's deliveries, newest first, each with every attempt (time, status or error, duration)" })
  @ApiPageResponse(WebhookDeliveryView)
  deliveries(@Param('id', UuidParamPipe) id: string, @Query() q: PageQueryDto) {
    return this.subscriptions.deliveries(id, q.page, q.pageSize);
  }
}
