import { Global, Module } from '@nestjs/common';
import { AppConfig, loadAppConfig } from './app-config';
import { Clock, SystemClock } from './clock';
import { loadGovernancePolicy } from './policy-file.loader';
import { CONTROL_CATALOG, loadControlCatalog } from './control-catalog.loader';
import { EVIDENCE_MAP, loadEvidenceMap } from './evidence-map.loader';
import { loadQuestionnaireFile, QUESTIONNAIRE_FILE } from './questionnaire-file.loader';
import type { ControlCatalogIndex } from '@aigov/domain/catalog/control-catalog.index';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const GOVERNANCE_POLICY = Symbol('GOVERNANCE_POLICY');

/** Provides the parsed configuration, the validated policy and the control catalog to every module. */
@Global()
@Module({})
export class ConfigModule {
  /** `clock` lets a test move "now" for the whole process (expiry of links and sessions). */
  static forRoot(config: AppConfig = loadAppConfig(), clock: Clock = new SystemClock()) {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: GOVERNANCE_POLICY, useFactory: () => loadGovernancePolicy(config.policyFile) },
        { provide: CONTROL_CATALOG, useFactory: () => loadControlCatalog(config.controlCatalogDir) },
        { provide: EVIDENCE_MAP, useFactory: (catalog: ControlCatalogIndex) => loadEvidenceMap(config.controlCatalogDir, catalog), inject: [CONTROL_CATALOG] },
        { provide: QUESTIONNAIRE_FILE, useFactory: () => loadQuestionnaireFile(config.questionnaireFile) },
        { provide: Clock, useValue: clock },
      ],
      exports: [APP_CONFIG, GOVERNANCE_POLICY, CONTROL_CATALOG, EVIDENCE_MAP, QUESTIONNAIRE_FILE, Clock],
    };
  }
}
