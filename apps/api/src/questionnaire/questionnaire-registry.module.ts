import { Module } from '@nestjs/common';
import { QuestionnaireRegistry } from './questionnaire-registry.service';

/** The version in force, for the impact assessment itself and the questionnaire screens (no controllers: no import cycle). */
@Module({ providers: [QuestionnaireRegistry], exports: [QuestionnaireRegistry] })
export class QuestionnaireRegistryModule {}
