import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ApprovalHistoryService } from './approval-history.service';
import { ApprovalHistoryView } from './dto/approval-history.view';

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('ai-systems')
export class ApprovalsController {
  constructor(private readonly history: ApprovalHistoryService) {}

  @Get(':id/approvals')
  @ApiOperation({ summary: 'Approval history: every round with who was asked, reminded, escalated to, delegated to, and who decided what and why' })
  @ApiOkResponse({ type: ApprovalHistoryView })
  get(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<ApprovalHistoryView> {
    return this.history.history(id, me);
  }
}
