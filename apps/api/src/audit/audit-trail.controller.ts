import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AiSystemsService } from '../ai-systems/ai-systems.service';
import { aiSystemResource, requireAllowed } from '../auth/access';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { AuditTrailService } from './audit-trail.service';
import { AuditFullVerificationView, AuditTrailView } from './audit-trail.view';
import { AuditCheckpointsQuery, AuditCheckpointsView, AuditVerifyQuery } from './audit-checkpoint.view';
import { AuditCheckpointsService } from './audit-checkpoints.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditTrailController {
  constructor(
    private readonly audit: AuditTrailService,
    private readonly systems: AiSystemsService,
    private readonly checkpoints: AuditCheckpointsService,
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
  @ApiOperation({
    summary: 'Re-derive every hash of every audit stream and name the first break; compare the chain with the signed checkpoints',
    description:
      'Without a checkpoint in the query, every stored checkpoint is checked (signature, and that the stream still reaches its seq with its hash). ' +
      'With one kept from GET /audit/checkpoints (all six fields), that one is checked instead: it catches a stream cut back even if the stored checkpoints were deleted too.',
  })
  @ApiOkResponse({ type: AuditFullVerificationView })
  async verify(@Query() q: AuditVerifyQuery): Promise<AuditFullVerificationView> {
    const supplied = this.checkpoints.suppliedCheckpoint(q);
    const [chain, checkpoints] = await Promise.all([this.audit.verifyAll(), this.checkpoints.verify(supplied)]);
    return { ...chain, ok: chain.ok && checkpoints.failed === 0, checkpoints };
  }

  @Get('audit/checkpoints')
  @Allow('audit_trail.verify_all')
  @ApiOperation({
    summary: "The newest signed checkpoint of each audit stream's head, and the public key that verifies them",
    description:
      'Each checkpoint is an Ed25519 signature over `message` (the UTF-8 bytes). Keep copies outside this system: a stream whose head is later found below a ' +
      'kept checkpoint lost its newest events. Verify offline with any Ed25519 implementation, e.g. node:crypto `verify(null, Buffer.from(message), createPublicKey(pem), Buffer.from(signature, "base64"))`.',
  })
  @ApiOkResponse({ type: AuditCheckpointsView })
  listCheckpoints(@Query() q: AuditCheckpointsQuery): Promise<AuditCheckpointsView> {
    return this.checkpoints.latest(q.page, q.pageSize, q.streamId);
  }
}
