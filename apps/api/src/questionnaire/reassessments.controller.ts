import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { SubmitImpactAssessmentDto } from '../impact-assessments/dto/submit-impact-assessment.dto';
import { AnswerReassessmentDto, ListReassessmentsQuery } from './questionnaire.dto';
import { ReassessmentAnswerView, ReassessmentListView, ReassessmentPreviewView, ReassessmentSummaryView, ReassessmentView } from './questionnaire.view';
import { ReassessmentsService } from './reassessments.service';

/** Re-assessments asked for by a published questionnaire version: listed, and answered by each system's owner. */
@ApiTags('questionnaire')
@ApiBearerAuth()
@Controller('questionnaire/reassessments')
export class ReassessmentsController {
  constructor(private readonly reassessments: ReassessmentsService) {}

  @Get()
  @ApiOperation({
    summary: 'Re-assessment requests and their state (open, overdue, completed, superseded, cancelled), open ones first, soonest due first',
    description: '`mine=true`: those of the systems you own; `systemId`: one system’s (as you may read it); otherwise every request (governance office, auditors, admins).',
  })
  @ApiOkResponse({ type: ReassessmentListView })
  list(@Query() q: ListReassessmentsQuery, @CurrentUser() me: UserPrincipal): Promise<ReassessmentListView> {
    return this.reassessments.list(q, me);
  }

  @Get('summary')
  @ApiOperation({ summary: 'Open, overdue and prohibited-found counts per questionnaire version (the dashboard’s figures)' })
  @ApiOkResponse({ type: ReassessmentSummaryView })
  summary(@CurrentUser() me: UserPrincipal): Promise<ReassessmentSummaryView> {
    return this.reassessments.summary(me);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One re-assessment request' })
  @ApiOkResponse({ type: ReassessmentView })
  get(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<ReassessmentView> {
    return this.reassessments.get(id, me);
  }

  @Post(':id/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'The tier these answers give on the request’s version, and what submitting them does; writes nothing' })
  @ApiOkResponse({ type: ReassessmentPreviewView })
  preview(@Param('id', UuidParamPipe) id: string, @Body() dto: SubmitImpactAssessmentDto, @CurrentUser() me: UserPrincipal): Promise<ReassessmentPreviewView> {
    return this.reassessments.preview(id, dto.answers, me);
  }

  @Post(':id/answers')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Answer the re-assessment on the new version (the system’s owner or the governance office)',
    description:
      'Same tier as in force: recorded as the system’s next assessment, nothing else changes. Another tier: a `reclassification` material change is proposed and this assessment submitted to it, so its approval round runs while the approved version keeps running (the change deploys as `version` once approved); a prohibited practice refuses the change and the governance office is told. 400 names `answers.<questionId>`; 409 when the request is closed or the lifecycle does not allow the step now.',
  })
  @ApiOkResponse({ type: ReassessmentAnswerView })
  answer(@Param('id', UuidParamPipe) id: string, @Body() dto: AnswerReassessmentDto, @CurrentUser() me: UserPrincipal): Promise<ReassessmentAnswerView> {
    return this.reassessments.answer(id, dto, me);
  }
}
