import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PdcaItemPage, PdcaItemView } from './pdca-item.view';
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CompletePdcaItemDto, CreatePdcaItemDto, ListPdcaItemsQuery, PlanPdcaItemDto, VerifyPdcaItemDto } from './pdca-item.dto';
import { PdcaItemsService } from './pdca-items.service';

@ApiTags('pdca-items')
@ApiBearerAuth()
@Controller('pdca-items')
export class PdcaItemsController {
  constructor(private readonly items: PdcaItemsService) {}

  @Post()
  @ApiOperation({ summary: 'Open a nonconformity, corrective action or improvement (starts its PDCA workflow)' })
  @ApiCreatedResponse({ type: PdcaItemView })
  create(@Body() dto: CreatePdcaItemDto, @CurrentUser() me: UserPrincipal) {
    return this.items.create(dto, me);
  }

  @Get()
  @ApiOperation({ summary: 'PDCA items, filtered (phase, kind, system, owner, source, overdue) and paged' })
  @ApiOkResponse({ type: PdcaItemPage })
  list(@Query() q: ListPdcaItemsQuery, @CurrentUser() me: UserPrincipal) {
    return this.items.list(q, me);
  }

  @Get(':id')
  @ApiOkResponse({ type: PdcaItemView })
  get(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal) {
    return this.items.get(id, me);
  }

  @Post(':id/plan')
  @ApiCreatedResponse({ type: PdcaItemView })
  @ApiOperation({ summary: 'Plan: root cause, action, owner and due date (the owner, governance office or an admin)' })
  plan(@Param('id', UuidParamPipe) id: string, @Body() dto: PlanPdcaItemDto, @CurrentUser() me: UserPrincipal) {
    return this.items.plan(id, dto, me);
  }

  @Post(':id/complete')
  @ApiCreatedResponse({ type: PdcaItemView })
  @ApiOperation({ summary: 'Do: the owner records the action as carried out, with evidence' })
  complete(@Param('id', UuidParamPipe) id: string, @Body() dto: CompletePdcaItemDto, @CurrentUser() me: UserPrincipal) {
    return this.items.complete(id, dto, me);
  }

  @Post(':id/verify')
  @ApiCreatedResponse({ type: PdcaItemView })
  @ApiOperation({ summary: 'Check and act: someone other than the owner verifies effectiveness; closes or reopens' })
  verify(@Param('id', UuidParamPipe) id: string, @Body() dto: VerifyPdcaItemDto, @CurrentUser() me: UserPrincipal) {
    return this.items.verify(id, dto, me);
  }
}
