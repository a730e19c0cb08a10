import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { requireRead } from '../ai-systems/ai-system-access';
import { AiSystemsService } from '../ai-systems/ai-systems.service';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { hasRole, UserPrincipal } from '../auth/principal';
import { forbidden } from '../common/api-error';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { AuditTrailService } from './audit-trail.service';

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
  async trail(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal) {
    const system = await this.systems.load(id);
    requireRead(me, system);
    if (me.id !== system.accountableOwnerId && !hasRole(me, 'auditor', 'governance_office', 'admin')) {
      throw forbidden('the audit trail is for auditors, the governance office and the accountable owner');
    }
    return this.audit.forSystem(id);
  }

  @Get('audit/verify')
  @Roles('auditor', 'governance_office', 'admin')
  @ApiOperation({ summary: 'Re-derive every hash of every audit stream and name the first break' })
  verify() {
    return this.audit.verifyAll();
  }
}
