import fc from 'fast-check';
import { createValidationPipe } from '../../common/validation.pipe';
import { AuthorizeRequestDto } from './authorize.dto';
import { fastLaneRequest } from './fast-lane-request';

const pipe = createValidationPipe();

/** The full route's verdict on a body: its validation pipe, as the controller runs it. */
async function fullRouteAccepts(body: unknown): Promise<boolean> {
  try {
    await pipe.transform(body, { type: 'body', metatype: AuthorizeRequestDto });
    return true;
  } catch {
    return false;
  }
}

const SYSTEM = '0b5e7c4a-9d1f-4c1e-8a55-2f7d3e9a1b20';
const valid = { systemId: SYSTEM, action: 'call_tool', targets: ['crm.search'] };

/** Values near the rules' edges, valid and not, so generated bodies land on both sides. */
const text = fc.oneof(
  fc.constantFrom('', 'crm.search', 'a', 'x'.repeat(128), 'x'.repeat(129), '-lead', 'db:/path@v1', 'with space', 'nul\u0000', '\ud800', 'café', '1.2.0', '+1', 'v1_rc+2'),
  fc.string({ maxLength: 12 }),
);
const anyValue = fc.oneof(text, fc.integer(), fc.constant(null), fc.boolean(), fc.array(text, { maxLength: 3 }), fc.dictionary(text, text, { maxKeys: 2 }));
const anyBody = fc.record(
  {
    systemId: fc.oneof(fc.constant(SYSTEM), fc.constant(SYSTEM.toUpperCase()), fc.uuid(), fc.constant('not-a-uuid'), anyValue),
    model: fc.oneof(fc.record({ name: text, version: text }), fc.record({ name: text }), fc.record({ name: text, version: text, extra: text }), anyValue),
    version: fc.oneof(fc.constantFrom('1.2.0', '2', '-1', 'x'.repeat(100), 'x'.repeat(101)), anyValue),
    action: fc.oneof(fc.constantFrom('use_data', 'call_tool', 'take_decision', 'delete_everything'), anyValue),
    targets: fc.oneof(fc.array(text, { minLength: 0, maxLength: 4 }), fc.array(fc.constant('t'), { minLength: 49, maxLength: 52 }), anyValue),
    autonomy: fc.oneof(fc.constantFrom('advisory', 'human_in_the_loop', 'human_on_the_loop', 'fully_automated', 'rogue'), anyValue),
    extra: anyValue,
  },
  { requiredKeys: [] },
);
/** A gateway's ordinary request with one field at most changed: most land near the line between the two routes. */
const nearValid = fc
  .tuple(
    fc.record(
      {
        version: fc.constantFrom('1.2.0', '7'),
        model: fc.record({ name: fc.constantFrom('claims-triage', 'm'), version: fc.constantFrom('7', '2024-01') }),
        autonomy: fc.constantFrom('advisory', 'fully_automated'),
      },
      { requiredKeys: [] },
    ),
    fc.option(fc.tuple(fc.constantFrom('systemId', 'model', 'version', 'action', 'targets', 'autonomy', 'extra'), anyValue), { nil: undefined }),
  )
  .map(([optional, change]) => ({ ...valid, ...optional, ...(change ? { [change[0]]: change[1] } : {}) }));
const body = fc.oneof(nearValid, anyBody);

describe('fastLaneRequest: never wider than the full route', () => {
  it('accepts a body only when the full route’s validation pipe accepts it too, and keeps its values', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const lane = fastLaneRequest(b);
        if (lane === null) return;
        accepted += 1;
        expect(await fullRouteAccepts(b)).toBe(true);
        expect(lane).toEqual(b);
      }),
      { numRuns: 3000 },
    );
    // The property means something only if generated bodies reach the accepting side.
    expect(accepted).toBeGreaterThan(10);
  });

  it('answers what gateways send: a system id, an action and targets, with the version, model and autonomy they run', () => {
    expect(fastLaneRequest(valid)).toEqual(valid);
    const full = { ...valid, version: '1.2.0', model: { name: 'claims-triage', version: '7' }, autonomy: 'human_in_the_loop', targets: ['crm.search', 'db:/claims@v2'] };
    expect(fastLaneRequest(full)).toEqual(full);
    expect(fastLaneRequest({ ...valid, targets: Array.from({ length: 50 }, (_, i) => `t${i}`) })).not.toBeNull();
  });

  it.each([
    ['a request by model name alone', { model: { name: 'claims-triage', version: '7' }, action: 'call_tool', targets: ['crm.search'] }],
    ['an unknown key', { ...valid, tenant: 'x' }],
    ['a null the DTO treats as absent', { ...valid, version: null }],
    ['no targets', { ...valid, targets: [] }],
    ['51 targets', { ...valid, targets: Array.from({ length: 51 }, (_, i) => `t${i}`) }],
    ['a target with a space', { ...valid, targets: ['crm search'] }],
    ['an unknown action', { ...valid, action: 'delete' }],
    ['a model name outside printable ASCII', { ...valid, model: { name: 'modèle', version: '1' } }],
    ['a model with an extra key', { ...valid, model: { name: 'm', version: '1', stage: 'prod' } }],
    ['an array body', [valid]],
    ['a string body', JSON.stringify(valid)],
  ])('passes on %s to the full route', (_label, b) => {
    expect(fastLaneRequest(b)).toBeNull();
  });
});
