import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AiSystemsService } from '../ai-systems/ai-systems.service';
import { aiSystemResource, requireAllowed } from '../auth/access';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { AuditTrailService } from './audit-trail.service';
import { AuditTrailView, AuditVerificationView } from './audit-trail.view';

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditTrailController {
  constructor(
    private readonly audit: AuditTrailService,
    private readonly systems: AiSystemsService,
  ) {}

  @Get('ai-systems/:id/audit-trail')
  @ApiOperation({ summary: "A system's hash-chained audit trail, verified as it is read" })
  @ApiOkResponse({ type: AuditTrailView })
  async trail(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<AuditTrailView> {
    requireAllowed(me, 'audit_trail.read_system', aiSystemResource(await this.systems.load(id)));
    return this.audit.forSystem(id);
  }

  @Get('audit/verify')
  @Allow('audit_trail.verify_all')
  @ApiOperation({ summary: 'Re-derive every hash of every audit stream and name the first break' })
  @ApiOkResponse({ type: AuditVerificationView })
  verify(): Promise<AuditVerificationView> {
    return this.audit.verifyAll();
  }
}
