import { Module } from '@nestjs/common';
import { AiSystemsModule } from '../ai-systems/ai-systems.module';
import { RisksModule } from '../risks/risks.module';
import { QuestionnaireController } from './questionnaire.controller';
import { QuestionnaireRegistryModule } from './questionnaire-registry.module';
import { QuestionnaireVersionsService } from './questionnaire-versions.service';
import { ReassessmentsController } from './reassessments.controller';
import { ReassessmentsService } from './reassessments.service';

@Module({
  imports: [QuestionnaireRegistryModule, AiSystemsModule, RisksModule],
  // ReassessmentsController first: its static `summary` route must not be read as a version.
  controllers: [ReassessmentsController, QuestionnaireController],
  providers: [QuestionnaireVersionsService, ReassessmentsService],
})
export class QuestionnaireModule {}
