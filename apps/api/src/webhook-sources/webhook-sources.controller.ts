import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { ApiPageResponse, PageQueryDto } from '../common/pagination';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CreateWebhookSourceDto, RotateWebhookSourceSecretDto, UpdateWebhookSourceDto } from './webhook-source.dto';
import { WebhookSourceSecretView, WebhookSourceView } from './webhook-source.view';
import { WebhookSourcesService } from './webhook-sources.service';

/** Admins manage who may send monitoring events, each source with its own secret and systems. */
@ApiTags('webhook-sources')
@ApiBearerAuth()
@Controller('webhook-sources')
export class WebhookSourcesController {
  constructor(private readonly sources: WebhookSourcesService) {}

  @Post()
  @Allow('webhook_source.manage')
  @ApiOperation({
    summary: 'Create a webhook source (admin); its signing secret is in this answer only',
    description: 'The source signs each POST to its deliveryPath in the Standard Webhooks scheme (webhook-id, webhook-timestamp, webhook-signature) with the secret, and may act only on the systems named (or all).',
  })
  @ApiCreatedResponse({ type: WebhookSourceSecretView })
  create(@Body() dto: CreateWebhookSourceDto, @CurrentUser() me: UserPrincipal): Promise<WebhookSourceSecretView> {
    return this.sources.create(dto, me);
  }

  @Get()
  @Allow('webhook_source.manage')
  @ApiOperation({ summary: 'List webhook sources, newest first (admin); secrets are never listed' })
  @ApiPageResponse(WebhookSourceView)
  list(@Query() q: PageQueryDto) {
    return this.sources.list(q.page, q.pageSize);
  }

  @Get(':id')
  @Allow('webhook_source.manage')
  @ApiOkResponse({ type: WebhookSourceView })
  get(@Param('id', UuidParamPipe) id: string): Promise<WebhookSourceView> {
    return this.sources.get(id);
  }

  @Patch(':id')
  @HttpCode(200)
  @Allow('webhook_source.manage')
  @ApiOperation({ summary: 'Rename a source or change the AI systems it may act on (admin)' })
  @ApiOkResponse({ type: WebhookSourceView })
  update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdateWebhookSourceDto, @CurrentUser() me: UserPrincipal): Promise<WebhookSourceView> {
    return this.sources.update(id, dto, me);
  }

  @Post(':id/secret-rotation')
  @HttpCode(200)
  @Allow('webhook_source.manage')
  @ApiOperation({
    summary: 'Give a source a new secret (admin); the new secret is in this answer only',
    description: 'The current secret stays valid beside the new one for previousSecretValidMinutes (default 24 hours), so the sender can switch over without a refused delivery.',
  })
  @ApiOkResponse({ type: WebhookSourceSecretView })
  rotate(@Param('id', UuidParamPipe) id: string, @Body() dto: RotateWebhookSourceSecretDto, @CurrentUser() me: UserPrincipal): Promise<WebhookSourceSecretView> {
    return this.sources.rotate(id, dto, me);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Allow('webhook_source.manage')
  @ApiOperation({ summary: 'Disable a source for good (admin): its deliveries are refused from now on' })
  @ApiOkResponse({ type: WebhookSourceView })
  disable(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<WebhookSourceView> {
    return this.sources.disable(id, me);
  }
}
