import { Module } from '@nestjs/common';
import { AiSystemsModule } from '../ai-systems/ai-systems.module';
import { QuestionnaireRegistryModule } from '../questionnaire/questionnaire-registry.module';
import { RisksModule } from '../risks/risks.module';
import { ImpactAssessmentsController } from './impact-assessments.controller';
import { ImpactAssessmentsService } from './impact-assessments.service';

@Module({ imports: [AiSystemsModule, RisksModule, QuestionnaireRegistryModule], controllers: [ImpactAssessmentsController], providers: [ImpactAssessmentsService] })
export class ImpactAssessmentsModule {}
