import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AssessmentResultView, ImpactAssessmentView } from '../ai-systems/dto/ai-system.view';
import { CurrentUser } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { AssessmentTemplateView } from './dto/assessment-template.view';
import { SubmitImpactAssessmentDto } from './dto/submit-impact-assessment.dto';
import { ImpactAssessmentsService } from './impact-assessments.service';

@ApiTags('impact-assessments')
@ApiBearerAuth()
@Controller()
export class ImpactAssessmentsController {
  constructor(private readonly assessments: ImpactAssessmentsService) {}

  @Get('impact-assessments/template')
  @ApiOperation({ summary: 'The current questionnaire (EU AI Act Art. 5, 6, 50 and ISO/IEC 42005 context)' })
  @ApiOkResponse({ type: AssessmentTemplateView })
  template(): AssessmentTemplateView {
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

  @Get('ai-systems/:id/impact-assessments')
  @ApiOperation({ summary: 'Every assessment version of a system' })
  @ApiOkResponse({ type: [ImpactAssessmentView] })
  history(@Param('id', UuidParamPipe) id: string, @CurrentUser() me: UserPrincipal): Promise<ImpactAssessmentView[]> {
    return this.assessments.history(id, me);
  }
}
