import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource } from '@aigov/persistence/data-source.factory';
import {
  ActionTokenEntity,
  AiSystemEntity,
  ApiTokenEntity,
  DeploymentEntity,
  EmailOutboxEntity,
  ImpactAssessmentEntity,
  MonitoringEventEntity,
  StageTransitionEntity,
  TaskEntity,
  UserEntity,
} from '@aigov/persistence/entities';
import { TestDatabase } from '../../setup/database.setup';
import { sharedTestDatabase } from './test-database';

describe('entities against the migrated schema', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await sharedTestDatabase();
    dataSource = await createDataSource(db.url, { poolSize: 2 }).initialize();
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.stop();
  });

  it('round-trips every entity with its defaults, types and relations', async () => {
    const m = dataSource.manager;
    const manager = await m.save(
      m.create(UserEntity, { id: randomUUID(), email: `Boss.${randomUUID()}@Example.TEST`, name: 'Boss' }),
    );
    // The transformer lower-cases on the way in, so the lower-case CHECK never trips on user input.
    const [stored] = await m.query('SELECT email FROM users WHERE id = $1', [manager.id]);
    expect(stored.email).toBe(manager.email.toLowerCase());
    const owner = await m.save(
      m.create(UserEntity, {
        id: randomUUID(),
        email: `owner.${randomUUID()}@example.test`,
        name: 'Owner',
        roles: ['owner', 'reviewer'],
        managerId: manager.id,
      }),
    );
    const loadedOwner = await m.findOneOrFail(UserEntity, { where: { id: owner.id }, relations: { manager: true } });
    expect(loadedOwner).toMatchObject({ roles: ['owner', 'reviewer'], active: true, managerId: manager.id, outOfOfficeDelegateId: null });
    expect(loadedOwner.manager?.email).toBe(stored.email);
    expect(loadedOwner.createdAt).toBeInstanceOf(Date);

    const systemId = randomUUID();
    const now = new Date('2025-11-23T10:00:00.123Z');
    await m.save(
      m.create(AiSystemEntity, {
        id: systemId,
        name: 'CV screener',
        purpose: 'rank applicants',
        intendedUse: 'first pass',
        accountableOwnerId: owner.id,
        businessUnit: 'HR',
        dataSources: ['ats'],
        dataCategories: ['cv'],
        personalData: true,
        specialCategoryData: false,
        modelType: 'classifier',
        vendorType: 'third_party',
        vendorName: 'Acme',
        deploymentContext: 'internal',
        affectedStakeholders: ['applicants'],
        autonomyLevel: 'human_in_the_loop',
        stage: 'design',
        riskReasons: [{ code: 'annex3.employment', tier: 'high', questionId: 'q1', text: 't', reference: 'r' }],
        stageEnteredAt: now,
        createdById: owner.id,
        workflowId: `ai-system:${systemId}`,
      }),
    );
    const system = await m.findOneOrFail(AiSystemEntity, { where: { id: systemId }, relations: { accountableOwner: true } });
    expect(system).toMatchObject({ approvalRound: 0, projectionSeq: 0, riskTier: null, dataSources: ['ats'], stageEnteredAt: now });
    expect(system.accountableOwner?.id).toBe(owner.id);

    const transition = await m.save(
      m.create(StageTransitionEntity, { aiSystemId: systemId, seq: 1, fromStage: null, toStage: 'design', action: 'register', actorId: null, occurredAt: now }),
    );
    expect(typeof transition.id).toBe('string');

    await m.save(
      m.create(ImpactAssessmentEntity, {
        id: randomUUID(),
        aiSystemId: systemId,
        version: 1,
        templateVersion: '2025-1',
        answers: { q1: 'yes' },
        riskTier: 'high',
        reasons: [],
        submittedById: owner.id,
        submittedAt: now,
      }),
    );
    const task = await m.save(
      m.create(TaskEntity, {
        id: randomUUID(),
        aiSystemId: systemId,
        subjectId: systemId,
        kind: 'approval',
        workflowId: 'approval:x',
        round: 1,
        assigneeId: manager.id,
        title: 'Approve',
        dueAt: now,
      }),
    );
    expect((await m.findOneByOrFail(TaskEntity, { id: task.id })).status).toBe('open');
    await m.save(
      m.create(ActionTokenEntity, { id: randomUUID(), taskId: task.id, userId: manager.id, tokenHash: randomUUID().replace(/-/g, '').repeat(2), expiresAt: now }),
    );
    await m.save(
      m.create(DeploymentEntity, {
        id: randomUUID(),
        aiSystemId: systemId,
        version: '1.0.0',
        environment: 'prod',
        configuration: { replicas: 2 },
        approvalRound: 1,
        kind: 'deploy',
        deployedById: null,
        deployedAt: now,
      }),
    );
    const event = await m.save(
      m.create(MonitoringEventEntity, { id: randomUUID(), aiSystemId: systemId, kind: 'drift', severity: 'high', observedValue: 0.42, threshold: 0.3, occurredAt: now }),
    );
    const loadedEvent = await m.findOneByOrFail(MonitoringEventEntity, { id: event.id });
    expect(loadedEvent).toMatchObject({ observedValue: 0.42, threshold: 0.3, metric: null });
    expect(loadedEvent.receivedAt).toBeInstanceOf(Date);

    const mail = await m.save(
      m.create(EmailOutboxEntity, { id: randomUUID(), idempotencyKey: `k-${randomUUID()}`, taskId: task.id, toAddress: 'a@b.test', subject: 's', textBody: 't', htmlBody: '<p>t</p>' }),
    );
    expect(await m.findOneByOrFail(EmailOutboxEntity, { id: mail.id })).toMatchObject({ status: 'pending', attempts: 0, sentAt: null });
  });

  it('rejects API token hashes that are not sha256 hex', async () => {
    const user = await dataSource.manager.save(dataSource.manager.create(UserEntity, { id: randomUUID(), email: `x.${randomUUID()}@example.test`, name: 'X' }));
    await expect(
      dataSource.manager.insert(ApiTokenEntity, { id: randomUUID(), userId: user.id, name: 'script', tokenHash: 'plain-token', prefix: null, createdAt: new Date(), expiresAt: new Date() }),
    ).rejects.toThrow(/ck_api_tokens_token_hash_sha256/);
  });
});
