import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { registrationBody } from '../../support/governance-flows';

/** A generous ceiling for a loaded CI machine: before the bounds the wide body alone took 3.6 s. */
const REFUSAL_CEILING_MS = 1_000;

function deepJson(levels: number): string {
  return `${'['.repeat(levels)}1${']'.repeat(levels)}`;
}

/** About 1 MB: 50,000 unknown keys of ~20 bytes each. */
function wideJson(keys: number): string {
  const members: string[] = [];
  for (let i = 0; i < keys; i++) members.push(`"unknown_${String(i).padStart(6, '0')}":1`);
  return `{${members.join(',')}}`;
}

/**
 * Request bodies whose structure costs more than their size: 5,000 levels of nesting answered
 * 500 (class-transformer recursed past the stack), and 50,000 unknown keys held the event loop
 * for about 3.6 s before their 400. Both are now refused after parsing, before validation.
 */
describe('request body bounds', () => {
  let h: Harness;
  let owner: HarnessUser;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    h = await startGovernanceHarness({ worker: false });
    owner = await h.createUser(['product_owner']);
  });
  afterAll(async () => {
    // The measured refusal times, for the README and the report.
    console.log(`request body refusals (ms): ${JSON.stringify(timings)}`);
    await h?.stop();
  });

  async function timed(name: string, path: string, body: string, opts: { token?: string; contentType?: string } = {}) {
    const started = performance.now();
    const response = await h.api('POST', path, { token: opts.token, body, headers: { 'content-type': opts.contentType ?? 'application/json' } });
    timings[name] = Math.round((performance.now() - started) * 10) / 10;
    return response;
  }

  it('answers a body nested 5,000 levels deep with 400 naming the depth (500 before)', async () => {
    const before = await h.rowCounts();
    for (const [name, path, token] of [
      ['deep registration', '/api/v1/ai-systems', owner.token],
      ['deep sign-in link', '/api/v1/auth/sign-in-links', undefined],
    ] as const) {
      const r = await timed(name, path, deepJson(5_000), { token });
      expect({ name, status: r.status, body: r.body }).toEqual({
        name,
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: 'the request body is nested more than 32 levels deep', field: 'body' },
      });
      expect(timings[name]).toBeLessThan(REFUSAL_CEILING_MS);
    }
    const objects = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const r = await timed('deep objects', '/api/v1/ai-systems', objects, { token: owner.token });
    expect([r.status, r.body.field, r.body.message]).toEqual([400, 'body', 'the request body is nested more than 32 levels deep']);
    expect(await h.rowCounts()).toEqual(before);
  });

  it('refuses 50,000 unknown keys in a 1 MB body at once (3.6 s before), as JSON and as a form', async () => {
    const wide = wideJson(50_000);
    expect(wide.length).toBeGreaterThan(1_000_000 - 100_000);
    expect(wide.length).toBeLessThan(1_048_576);
    const r = await timed('50,000 keys (json)', '/api/v1/ai-systems', wide, { token: owner.token });
    expect([r.status, r.body.field, r.body.message]).toEqual([400, 'body', 'an object in the request body has more than 1000 keys']);
    expect(timings['50,000 keys (json)']).toBeLessThan(REFUSAL_CEILING_MS);

    const form = Array.from({ length: 50_000 }, (_, i) => `k${i}=1`).join('&');
    const f = await timed('50,000 keys (form)', '/api/v1/ai-systems', form, { token: owner.token, contentType: 'application/x-www-form-urlencoded' });
    expect([f.status, f.body.field, f.body.message]).toEqual([400, 'body', 'the request body has more than 1000 form fields']);
    expect(timings['50,000 keys (form)']).toBeLessThan(REFUSAL_CEILING_MS);

    const longArray = `{"tags":[${Array.from({ length: 100_000 }, () => '1').join(',')}]}`;
    const a = await timed('100,000-element array', '/api/v1/ai-systems', longArray, { token: owner.token });
    expect([a.status, a.body.message]).toEqual([400, 'an array in the request body has more than 10000 elements']);
    expect(timings['100,000-element array']).toBeLessThan(REFUSAL_CEILING_MS);

    // Many objects each under the per-object bound still meet the total.
    const many = `[${Array.from({ length: 30 }, (_, n) => `{${Array.from({ length: 900 }, (__, i) => `"k${n}_${i}":1`).join(',')}}`).join(',')}]`;
    const m = await timed('30 x 900 keys', '/api/v1/ai-systems', many, { token: owner.token });
    expect([m.status, m.body.message]).toEqual([400, 'the request body has more than 20000 keys and array elements']);
  });

  it('leaves bodies within the bounds to validation, which still names the field', async () => {
    const admin = await h.createUser(['admin']);
    const path = `/api/v1/users/${owner.user.id}`;
    const ok = await h.api('PATCH', path, { token: admin.token, body: { name: 'Within bounds' } });
    expect([ok.status, ok.body.name]).toEqual([200, 'Within bounds']);
    // 950 unknown keys (near the per-object bound) reach validation and are refused there, quickly
    const extra = Object.fromEntries(Array.from({ length: 950 }, (_, i) => [`unknown${i}`, 1]));
    const started = performance.now();
    const r = await h.api('PATCH', path, { token: admin.token, body: { name: 'Too many fields', ...extra } });
    timings['950 unknown keys, validated'] = Math.round(performance.now() - started);
    expect(r.status).toBe(400);
    expect(r.body.field).toMatch(/^unknown\d+$/);
    expect(timings['950 unknown keys, validated']).toBeLessThan(REFUSAL_CEILING_MS);
    // a form body within the bounds is parsed as before: validation names its field
    const form = await h.api('PATCH', path, { token: admin.token, body: 'name=Form&roles=auditor&surprise=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([form.status, form.body.field]).toEqual([400, 'surprise']);
  });

  it('takes its bounds from the configuration', () => {
    expect(h.config.requestBodyBounds).toEqual({ maxDepth: 32, maxEntries: 20_000, maxObjectKeys: 1_000, maxArrayLength: 10_000 });
  });
});
