import { factsOf, parseMlflowEvent } from './mlflow-event';

/** The example payloads of MLflow's own types (mlflow/webhooks/types.py), in MLflow's envelope. */
const envelope = (entity: string, action: string, data: unknown, extra: Record<string, unknown> = {}) => ({
  entity,
  action,
  timestamp: '2025-07-31T08:27:32.080217+00:00',
  data,
  ...extra,
});

const problem = (body: unknown) => {
  const parsed = parseMlflowEvent(body);
  return parsed.ok ? 'accepted' : { status: parsed.problem.status, field: parsed.problem.field };
};

describe('MLflow event bodies', () => {
  it("reads each handled event's example payload with MLflow's field names", () => {
    const cases: Array<[unknown, Record<string, unknown>]> = [
      [
        envelope('registered_model', 'created', { name: 'example_model', tags: { example_key: 'example_value' }, description: 'An example registered model' }),
        { event: 'registered_model.created', name: 'example_model', tags: { example_key: 'example_value' }, description: 'An example registered model' },
      ],
      [
        envelope('model_version', 'created', {
          name: 'example_model',
          version: '1',
          source: 'runs:/abcd1234abcd5678/model',
          run_id: 'abcd1234abcd5678',
          tags: { example_key: 'example_value' },
          description: 'An example model version',
        }),
        { event: 'model_version.created', name: 'example_model', version: '1', source: 'runs:/abcd1234abcd5678/model', runId: 'abcd1234abcd5678', tags: { example_key: 'example_value' } },
      ],
      [envelope('model_version_tag', 'set', { name: 'example_model', version: '1', key: 'example_key', value: 'example_value' }), { event: 'model_version_tag.set', key: 'example_key', value: 'example_value' }],
      [envelope('model_version_tag', 'deleted', { name: 'example_model', version: '1', key: 'example_key' }), { event: 'model_version_tag.deleted', key: 'example_key' }],
      [envelope('model_version_alias', 'created', { name: 'example_model', alias: 'example_alias', version: '1' }), { event: 'model_version_alias.created', alias: 'example_alias', version: '1' }],
      [envelope('model_version_alias', 'deleted', { name: 'example_model', alias: 'example_alias' }), { event: 'model_version_alias.deleted', alias: 'example_alias' }],
    ];
    for (const [body, expected] of cases) {
      const parsed = parseMlflowEvent(body);
      expect(parsed.ok && parsed.event).toMatchObject({ ...expected, sentAt: new Date('2025-07-31T08:27:32.080Z'), workspace: null });
    }
  });

  it('keeps nulls MLflow sends (run_id, description), the workspace, and the facts under MLflow\'s names', () => {
    const parsed = parseMlflowEvent(
      envelope('model_version', 'created', { name: 'm', version: '12', source: 's3://bucket/m', run_id: null, tags: {}, description: null }, { workspace: 'team-a' }),
    );
    if (!parsed.ok) throw new Error(parsed.problem.message);
    expect(parsed.event).toMatchObject({ runId: null, description: null, workspace: 'team-a' });
    expect(factsOf(parsed.event)).toEqual({ name: 'm', version: '12', source: 's3://bucket/m', run_id: null, tags: {}, description: null });
  });

  it('accepts timestamps with or without fractions and zone, and refuses what is not a date-time', () => {
    const at = (timestamp: unknown) => problem({ ...envelope('model_version_alias', 'deleted', { name: 'm', alias: 'a' }), timestamp });
    expect(at('2025-07-31T08:27:32+00:00')).toBe('accepted');
    expect(at('2025-07-31T08:27:32Z')).toBe('accepted');
    expect(at('2025-07-31T08:27:32.1')).toBe('accepted');
    expect(at('yesterday')).toEqual({ status: 400, field: 'timestamp' });
    expect(at('2025-13-45T99:99:99+00:00')).toEqual({ status: 400, field: 'timestamp' });
    expect(at(1753950452)).toEqual({ status: 400, field: 'timestamp' });
  });

  it('refuses events it does not handle with 422 on entity: prompts, budgets, unknown ones', () => {
    expect(problem(envelope('prompt_version', 'created', { name: 'p', version: '1' }))).toEqual({ status: 422, field: 'entity' });
    expect(problem(envelope('budget_policy', 'exceeded', {}))).toEqual({ status: 422, field: 'entity' });
    expect(problem(envelope('model_version', 'deleted', { name: 'm', version: '1' }))).toEqual({ status: 422, field: 'entity' });
    expect(problem(envelope('registered_model', 'updated', { name: 'm' }))).toEqual({ status: 422, field: 'entity' });
  });

  it('refuses bodies that are not MLflow\'s shape with 400 naming the part', () => {
    const version = (data: Record<string, unknown>) => problem(envelope('model_version', 'created', { name: 'm', version: '1', source: 's', run_id: 'r', tags: {}, description: null, ...data }));
    expect(problem(null)).toEqual({ status: 400, field: 'body' });
    expect(problem([])).toEqual({ status: 400, field: 'body' });
    expect(problem({ action: 'created', timestamp: 't', data: {} })).toEqual({ status: 400, field: 'entity' });
    expect(problem(envelope('model_version', 'created', 'not an object'))).toEqual({ status: 400, field: 'data' });
    expect(version({ name: '' })).toEqual({ status: 400, field: 'data.name' });
    expect(version({ name: 'x'.repeat(257) })).toEqual({ status: 400, field: 'data.name' });
    expect(version({ name: 'a\u0000b' })).toEqual({ status: 400, field: 'data.name' });
    expect(version({ version: 1 })).toEqual({ status: 400, field: 'data.version' });
    expect(version({ version: 'v1' })).toEqual({ status: 400, field: 'data.version' });
    expect(version({ version: '0' })).toEqual({ status: 400, field: 'data.version' });
    expect(version({ source: undefined })).toEqual({ status: 400, field: 'data.source' });
    expect(version({ run_id: 42 })).toEqual({ status: 400, field: 'data.run_id' });
    expect(version({ tags: ['a'] })).toEqual({ status: 400, field: 'data.tags' });
    expect(version({ tags: { a: 1 } })).toEqual({ status: 400, field: 'data.tags.a' });
    expect(version({ description: 'x'.repeat(5001) })).toEqual({ status: 400, field: 'data.description' });
    expect(problem(envelope('model_version_alias', 'created', { name: 'm', alias: 'has space', version: '1' }))).toEqual({ status: 400, field: 'data.alias' });
    expect(problem(envelope('model_version_alias', 'created', { name: 'm', alias: 'champion' }))).toEqual({ status: 400, field: 'data.version' });
    expect(problem(envelope('model_version_alias', 'created', { name: 'm', alias: 'été_2026', version: '3' }))).toBe('accepted');
  });
});
