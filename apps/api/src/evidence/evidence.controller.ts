import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CATALOG_FRAMEWORKS } from '@aigov/domain/catalog/control-catalog.types';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ControlEvidenceQuery } from './evidence.dto';
import { EvidenceService } from './evidence.service';
import { ControlEvidencePage, SystemControlsView } from './evidence.view';

/** Evidence for every control, derived from what the engine records (config/catalog/evidence-map.json says which record evidences which control). */
@ApiTags('evidence')
@ApiBearerAuth()
@Controller()
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get('ai-systems/:id/controls')
  @ApiOperation({
    summary: 'Every control the evidence map touches, for one AI system: its health (effective, attention, no_evidence, not_applicable) with reasons, and its evidence with links to the artefacts',
    description: 'Readable by whoever may read the system. Until a Statement of Applicability is published every control is applicable (`applicability.source` says so).',
  })
  @ApiOkResponse({ type: SystemControlsView })
  @ApiNotFoundResponse({ description: 'no such AI system' })
  systemControls(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<SystemControlsView> {
    return this.evidence.systemControls(id, me);
  }

  @Get('controls/:framework/:ref/evidence')
  @Allow('evidence.read_all')
  @ApiOperation({ summary: 'One control’s evidence across every AI system and the organisation, newest first, paged' })
  @ApiParam({ name: 'framework', enum: CATALOG_FRAMEWORKS })
  @ApiParam({ name: 'ref', description: 'A.6.2.6, A.5.2, 9.3 or art-72 (case-insensitive)', example: 'A.6.2.6' })
  @ApiOkResponse({ type: ControlEvidencePage })
  @ApiNotFoundResponse({ description: 'unknown framework, ref or AI system' })
  controlEvidence(@Param('framework') framework: string, @Param('ref') ref: string, @Query() q: ControlEvidenceQuery): Promise<ControlEvidencePage> {
    return this.evidence.controlEvidence(framework, ref, q);
  }
}
