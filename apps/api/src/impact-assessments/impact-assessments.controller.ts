import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AssessmentResultView, ImpactAssessmentView } from '../ai-systems/dto/ai-system.view';
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { AssessmentPreviewView } from './dto/assessment-preview.view';
import { AssessmentTemplateView } from './dto/assessment-template.view';
import { SubmitImpactAssessmentDto } from './dto/submit-impact-assessment.dto';
import { ImpactAssessmentsService } from './impact-assessments.service';

@ApiTags('impact-assessments')
@ApiBearerAuth()
@Controller()
export class ImpactAssessmentsController {
  constructor(private readonly assessments: ImpactAssessmentsService) {}

  @Get('impact-assessments/template')
  @ApiOperation({ summary: 'The questionnaire version in force (EU AI Act Art. 5, 6, 50 and ISO/IEC 42005 context); every version: GET /questionnaire/versions' })
  @ApiOkResponse({ type: AssessmentTemplateView })
  template(): Promise<AssessmentTemplateView> {
    return this.assessments.template();
  }

  @Post('ai-systems/:id/impact-assessments')
  @ApiOperation({ summary: 'Answer the impact assessment; sets the risk tier and starts approval (or rejects a prohibited practice)' })
  @ApiCreatedResponse({ type: AssessmentResultView })
  submit(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: SubmitImpactAssessmentDto,
    @CurrentUser() me: UserPrincipal,
  ): Promise<AssessmentResultView> {
    return this.assessments.submit(id, dto.answers, me);
  }

  @Post('ai-systems/:id/impact-assessments/preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The risk tier and its reasons that these answers would give, before submitting; writes nothing',
    description:
      'Answers may be incomplete (the questionnaire is being filled in): required questions not yet answered are listed in `unanswered` and the tier is the one so far. An answer of the wrong type or to an unknown question is a 400 naming `answers.<questionId>`.',
  })
  @ApiOkResponse({ type: AssessmentPreviewView })
  preview(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: SubmitImpactAssessmentDto,
    @CurrentUser() me: UserPrincipal,
  ): Promise<AssessmentPreviewView> {
    return this.assessments.preview(id, dto.answers, me);
  }

  @Get('ai-systems/:id/impact-assessments')
  @ApiOperation({ summary: 'Every assessment version of a system' })
  @ApiOkResponse({ type: [ImpactAssessmentView] })
  history(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<ImpactAssessmentView[]> {
    return this.assessments.history(id, me);
  }
}
