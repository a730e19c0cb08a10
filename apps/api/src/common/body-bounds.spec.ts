import fc from 'fast-check';
import { BodyBounds, bodyBoundsViolation, formTextBoundsViolation, jsonTextBoundsViolation } from './body-bounds';

const bounds: BodyBounds = { maxDepth: 4, maxEntries: 20, maxObjectKeys: 5, maxArrayLength: 6 };

/** `levels` arrays or objects, one inside the other. */
function nested(levels: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

describe('bodyBoundsViolation', () => {
  it('accepts scalars, empty bodies and bodies at every bound', () => {
    for (const body of [undefined, null, 'text', 7, true, {}, []]) expect(bodyBoundsViolation(body, bounds)).toBeNull();
    expect(bodyBoundsViolation(nested(4, 'object'), bounds)).toBeNull();
    expect(bodyBoundsViolation(nested(4, 'array'), bounds)).toBeNull();
    expect(bodyBoundsViolation({ a: 1, b: 2, c: 3, d: 4, e: 5 }, bounds)).toBeNull();
    expect(bodyBoundsViolation([1, 2, 3, 4, 5, 6], bounds)).toBeNull();
    // 4 objects of 5 keys = 20 entries
    expect(bodyBoundsViolation([{ a: 1, b: 2, c: 3, d: 4 }, { a: 1, b: 2, c: 3, d: 4 }, { a: 1, b: 2, c: 3, d: 4 }, { a: 1, b: 2, c: 3 }], bounds)).toBeNull();
  });

  it('names the depth when objects or arrays nest too deep', () => {
    expect(bodyBoundsViolation(nested(5, 'object'), bounds)).toBe('the request body is nested more than 4 levels deep');
    expect(bodyBoundsViolation(nested(5, 'array'), bounds)).toBe('the request body is nested more than 4 levels deep');
    expect(bodyBoundsViolation({ ok: [1], deep: [{ x: [[1]] }] }, bounds)).toMatch(/nested more than 4/);
  });

  it('names the key count of one object, the length of one array, and the total', () => {
    expect(bodyBoundsViolation({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }, bounds)).toBe('an object in the request body has more than 5 keys');
    expect(bodyBoundsViolation({ list: [1, 2, 3, 4, 5, 6, 7] }, bounds)).toBe('an array in the request body has more than 6 elements');
    const wide = [{ a: 1, b: 2, c: 3, d: 4, e: 5 }, { a: 1, b: 2, c: 3, d: 4, e: 5 }, { a: 1, b: 2, c: 3, d: 4, e: 5 }, { a: 1, b: 2 }];
    expect(bodyBoundsViolation(wide, bounds)).toBe('the request body has more than 20 keys and array elements');
  });

  it('walks 100,000 levels without recursion and stops at the bound', () => {
    const deep = nested(100_000, 'array');
    const started = process.hrtime.bigint();
    expect(bodyBoundsViolation(deep, { ...bounds, maxEntries: 1_000, maxDepth: 32 })).toMatch(/nested more than 32/);
    // the walk stops at level 33: microseconds, not a pass over 100,000 levels
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(50);
  });

  it('stops at the first excess key of a 50,000-key object', () => {
    const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
    expect(bodyBoundsViolation(wide, { maxDepth: 32, maxEntries: 20_000, maxObjectKeys: 1_000, maxArrayLength: 10_000 })).toBe(
      'an object in the request body has more than 1000 keys',
    );
  });

  it('ignores inherited properties: only what the parser put in the body counts', () => {
    const withProto = Object.create({ inherited: 1, more: 2, again: 3, four: 4, five: 5, six: 6 }) as Record<string, unknown>;
    withProto.own = 1;
    expect(bodyBoundsViolation(withProto, bounds)).toBeNull();
  });

  describe('over JSON text, before parsing', () => {
    it('finds a bound exceeded exactly when the walk over the parsed value does, however the text is spaced', () => {
      const small: BodyBounds = { maxDepth: 3, maxEntries: 12, maxObjectKeys: 4, maxArrayLength: 4 };
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 5 }), fc.boolean(), (value, spaced) => {
          const text = spaced ? JSON.stringify(value, null, 2) : JSON.stringify(value);
          expect(jsonTextBoundsViolation(text, small) === null).toBe(bodyBoundsViolation(JSON.parse(text), small) === null);
        }),
        { numRuns: 2_000 },
      );
    });

    it('reads strings with escaped quotes, brackets and colons as strings', () => {
      const text = JSON.stringify({ a: 'x\\"{[:,]}"', b: ['\\', '"', ':::', '[[[[[['], c: '\\\\' });
      expect(jsonTextBoundsViolation(text, bounds)).toBeNull();
      expect(jsonTextBoundsViolation(text, { ...bounds, maxObjectKeys: 2 })).toBe('an object in the request body has more than 2 keys');
      expect(jsonTextBoundsViolation(JSON.stringify(['a,b,c,d,e,f,g']), bounds)).toBeNull();
    });

    it('leaves malformed text to the parser', () => {
      for (const text of ['', '{', '"unterminated', '{"a":', ']]]', 'not json', '{"a" 1}']) expect(jsonTextBoundsViolation(text, bounds)).toBeNull();
    });

    it('stops a 1 MB body of 50,000 keys, or 5,000 levels, a few kilobytes in', () => {
      const wide = `{${Array.from({ length: 50_000 }, (_, i) => `"unknown_${String(i).padStart(6, '0')}":1`).join(',')}}`;
      const limits = { maxDepth: 32, maxEntries: 20_000, maxObjectKeys: 1_000, maxArrayLength: 10_000 };
      const started = process.hrtime.bigint();
      expect(jsonTextBoundsViolation(wide, limits)).toBe('an object in the request body has more than 1000 keys');
      expect(jsonTextBoundsViolation(`${'['.repeat(5_000)}${']'.repeat(5_000)}`, limits)).toBe('the request body is nested more than 32 levels deep');
      // measured about 0.1 ms; the bound leaves room for a loaded machine
      expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(50);
    });
  });

  describe('over form text, before parsing', () => {
    it('counts fields, ignoring empty ones', () => {
      expect(formTextBoundsViolation('a=1&b=2&&c=3&', { ...bounds, maxObjectKeys: 3 })).toBeNull();
      expect(formTextBoundsViolation('a=1&b=2&c=3&d', { ...bounds, maxObjectKeys: 3 })).toBe('the request body has more than 3 form fields');
      expect(formTextBoundsViolation('', bounds)).toBeNull();
    });
  });
});
