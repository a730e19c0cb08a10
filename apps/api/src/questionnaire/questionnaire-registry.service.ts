import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG } from '@aigov/config/config.module';
import type { AppConfig } from '@aigov/config/app-config';
import { Clock } from '@aigov/config/clock';
import { QUESTIONNAIRE_FILE } from '@aigov/config/questionnaire-file.loader';
import type { QuestionnaireDefinition } from '@aigov/domain/questionnaire/questionnaire.types';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { QuestionnaireVersionEntity } from '@aigov/persistence/entities';
import { questionnaireSha256 } from '@aigov/persistence/questionnaire-impact';
import { QUESTIONNAIRE_AUDIT_STREAM } from '@aigov/workflows/questionnaire-publication.contracts';

/** Every write to questionnaire versions takes this lock first: one draft, one current version, no race with the start-up adoption. */
export const QUESTIONNAIRE_LOCK = "SELECT pg_advisory_xact_lock(hashtext('aigov:questionnaire'))";

/** A published version with its definition (never null once published). */
export type PublishedQuestionnaire = QuestionnaireVersionEntity & { definition: QuestionnaireDefinition };

/**
 * Which questionnaire version is in force, from the database. At start, the version in the
 * questionnaire file (validated by ConfigModule) joins the database: a fresh installation
 * publishes it; a version the migration recorded without its questions (every assessment
 * stored before versions existed) gets them; a file that differs from the version already
 * recorded under its label stops the start, because a recorded version never changes. A file
 * with a new label while another version is current is not published by a restart: it goes
 * through a draft and its approval round like any other.
 */
@Injectable()
export class QuestionnaireRegistry implements OnApplicationBootstrap {
  private readonly logger = new Logger('Questionnaire');

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(QUESTIONNAIRE_FILE) private readonly file: QuestionnaireDefinition,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'questionnaireFile'>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.adoptFile();
  }

  async adoptFile(): Promise<void> {
    const file = this.file;
    const sha256 = questionnaireSha256(file);
    await this.dataSource.transaction(async (m) => {
      await m.query(QUESTIONNAIRE_LOCK);
      const row = await m.findOne(QuestionnaireVersionEntity, { where: { version: file.version } });
      const current = await m.findOne(QuestionnaireVersionEntity, { where: { status: 'published' } });
      const now = this.clock.now();
      if (row?.definition) {
        const recorded = row.sha256 ?? questionnaireSha256(row.definition);
        if (recorded !== sha256) {
          throw new Error(
            `${this.config.questionnaireFile}: version ${file.version} differs from the version ${file.version} already recorded (SHA-256 ${recorded.slice(0, 12)}…, the file's ${sha256.slice(0, 12)}…): ` +
              'a recorded version never changes; give the changed file a new version label and publish it as a new version',
          );
        }
        return;
      }
      if (row) {
        // Recorded by the migration from the assessments that answered it: the file supplies its questions.
        const status = current ? row.status : 'published';
        await m.update(QuestionnaireVersionEntity, { id: row.id }, {
          definition: file,
          sha256,
          title: file.title,
          note: file.note ?? null,
          status,
          publishedAt: row.publishedAt ?? row.createdAt,
          updatedAt: now,
        });
        await this.audit(m, 'questionnaire.adopted_from_file', { versionId: row.id, version: file.version, sha256, status }, now);
        return;
      }
      if (current) {
        this.logger.warn(
          `the questionnaire file's version ${file.version} is not in the database and version ${current.version} is in force: ` +
            'a restart publishes nothing; draft it (PUT /api/v1/questionnaire/draft) and submit it for publication',
        );
        return;
      }
      const id = randomUUID();
      await m.insert(QuestionnaireVersionEntity, {
        id,
        version: file.version,
        title: file.title,
        note: file.note ?? null,
        status: 'published',
        isOpen: false,
        definition: file,
        sha256,
        basedOn: null,
        source: 'file',
        editorIds: [],
        approvalRound: 0,
        workflowId: null,
        submissionKey: null,
        submittedById: null,
        submittedAt: null,
        requestedDueAt: null,
        lastOutcome: null,
        publishedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      await this.audit(m, 'questionnaire.published', { versionId: id, version: file.version, sha256, source: 'file' }, now);
    });
  }

  /** The version in force. */
  async current(m: EntityManager = this.dataSource.manager): Promise<PublishedQuestionnaire> {
    const row = await m.findOne(QuestionnaireVersionEntity, { where: { status: 'published' } });
    if (!row?.definition) throw new Error('no questionnaire version is published: the API adopts the questionnaire file at start');
    return row as PublishedQuestionnaire;
  }

  async byVersion(version: string, m: EntityManager = this.dataSource.manager): Promise<QuestionnaireVersionEntity | null> {
    return m.findOne(QuestionnaireVersionEntity, { where: { version } });
  }

  private async audit(m: EntityManager, eventType: string, payload: Record<string, unknown>, now: Date): Promise<void> {
    await appendNextAuditEvent(m, { streamId: QUESTIONNAIRE_AUDIT_STREAM, eventType, actorId: null, actorLabel: 'system', payload, occurredAt: now });
  }
}
