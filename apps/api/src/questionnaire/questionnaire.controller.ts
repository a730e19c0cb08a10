import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { ImpactQuery, QuestionnaireDefinitionDto, SubmitQuestionnaireDto } from './questionnaire.dto';
import { QuestionnaireDiffView, QuestionnaireImpactView, QuestionnairePublicationView, QuestionnaireVersionListView, QuestionnaireVersionView } from './questionnaire.view';
import { QuestionnaireVersionsService } from './questionnaire-versions.service';

/** The impact assessment questionnaire's versions: read by everyone signed in, drafted and submitted by the governance office. */
@ApiTags('questionnaire')
@ApiBearerAuth()
@Controller('questionnaire')
export class QuestionnaireController {
  constructor(private readonly versions: QuestionnaireVersionsService) {}

  @Get('versions')
  @ApiOperation({ summary: 'Every questionnaire version, newest first, with the one in force, the draft and each version’s re-assessments' })
  @ApiOkResponse({ type: QuestionnaireVersionListView })
  list(@CurrentUser() me: UserPrincipal): Promise<QuestionnaireVersionListView> {
    return this.versions.list(me);
  }

  @Get('versions/:version')
  @ApiOperation({ summary: 'One version with its questions and tier rules (and, once frozen, its SHA-256)' })
  @ApiParam({ name: 'version', example: '2026-11.1' })
  @ApiOkResponse({ type: QuestionnaireVersionView })
  get(@Param('version') version: string, @CurrentUser() me: UserPrincipal): Promise<QuestionnaireVersionView> {
    return this.versions.get(version, me);
  }

  @Get('versions/:a/diff/:b')
  @ApiOperation({ summary: 'What changed from version a to version b: questions and tier rules added, removed and changed field by field' })
  @ApiParam({ name: 'a', example: '2026-11.1' })
  @ApiParam({ name: 'b', example: '2026-12.1' })
  @ApiOkResponse({ type: QuestionnaireDiffView })
  diff(@Param('a') a: string, @Param('b') b: string, @CurrentUser() me: UserPrincipal): Promise<QuestionnaireDiffView> {
    return this.versions.diff(a, b, me);
  }

  @Get('versions/:version/impact')
  @ApiOperation({
    summary: 'The systems whose tier a version (typically the draft) will or could change; writes nothing',
    description:
      'Every live system’s latest stored answers re-evaluated against the version. Listed: a tier that will change, and one that could (an unanswered new question whose answer can raise it), with the tier in force and the lowest and highest the version can give.',
  })
  @ApiParam({ name: 'version', example: '2026-12.1' })
  @ApiOkResponse({ type: QuestionnaireImpactView })
  impact(@Param('version') version: string, @Query() q: ImpactQuery, @CurrentUser() me: UserPrincipal): Promise<QuestionnaireImpactView> {
    return this.versions.impactOf(version, q, me);
  }

  @Post('impact')
  @HttpCode(200)
  @ApiOperation({ summary: 'The same preview for a definition not saved yet (the editor’s text, an uploaded file); writes nothing', description: 'An invalid definition is a 422 naming `definition.<path>`.' })
  @ApiOkResponse({ type: QuestionnaireImpactView })
  preview(@Body() dto: QuestionnaireDefinitionDto, @Query() q: ImpactQuery, @CurrentUser() me: UserPrincipal): Promise<QuestionnaireImpactView> {
    return this.versions.preview(dto, q, me);
  }

  @Put('draft')
  @ApiOperation({
    summary: 'Save the draft of the next version (a whole definition; one draft at a time)',
    description: 'An invalid definition is a 422 naming `definition.<path>`; a label already used is a 409; a draft in its publication round is a 409. Whoever saves the draft may not approve its publication.',
  })
  @ApiOkResponse({ type: QuestionnaireVersionView })
  saveDraft(@Body() dto: QuestionnaireDefinitionDto, @CurrentUser() me: UserPrincipal): Promise<QuestionnaireVersionView> {
    return this.versions.saveDraft(dto, me);
  }

  @Delete('draft')
  @HttpCode(204)
  @ApiOperation({ summary: 'Discard the draft (not while it is in its publication round)' })
  @ApiNoContentResponse()
  async discardDraft(@CurrentUser() me: UserPrincipal): Promise<void> {
    await this.versions.discardDraft(me);
  }

  @Post('draft/publication')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Submit the draft for publication: its approval round (policy section `questionnaire.approval`) starts',
    description:
      'Refused when the draft changes nothing (422), when there is none (409), or with a due date in the past (400). Approved: the version is frozen with its SHA-256 and in force, and the owners of the systems whose tier it could change are asked to re-assess by `dueAt` (default: the policy’s `questionnaire.reassessment.dueWithin`), reminded before it and escalated after it; the systems keep running on their approved version and tier. Otherwise the draft is editable again.',
  })
  @ApiAcceptedResponse({ type: QuestionnairePublicationView })
  submit(@Body() dto: SubmitQuestionnaireDto, @CurrentUser() me: UserPrincipal): Promise<QuestionnairePublicationView> {
    return this.versions.submit(dto, me);
  }
}
