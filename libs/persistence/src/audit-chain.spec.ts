import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, computeAuditHash, GENESIS_HASH, hashedContentAroundSeq } from './audit-chain';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('orders keys by UTF-16 code units, integer-like keys included', () => {
    // a plain JSON.stringify would put "2" before "10" (integer keys first, numerically)
    expect(canonicalJson({ 2: 'b', 10: 'a', B: 0, a: 0, é: 0 })).toBe('{"10":"a","2":"b","B":0,"a":0,"é":0}');
  });

  it('treats values the way jsonb will hand them back', () => {
    expect(canonicalJson({ gone: undefined, fn: () => 1, n: Number.NaN, inf: Infinity, when: new Date('2025-01-02T03:04:05.006Z') })).toBe(
      '{"inf":null,"n":null,"when":"2025-01-02T03:04:05.006Z"}',
    );
    expect(canonicalJson([undefined, 1.5, -0, 1e21])).toBe('[null,1.5,0,1e+21]');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson('line\n"quoted"')).toBe('"line\\n\\"quoted\\""');
  });

  it('is the same however the object was built', () => {
    const a = JSON.parse('{"x":{"q":[1,2],"p":"s"},"w":true}');
    const b = { w: true, x: { p: 's', q: [1, 2] } };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('refuses what has no JSON form instead of hashing something else', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/circular/);
    expect(() => canonicalJson({ big: 10n })).toThrow(/BigInt/);
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"k":1},"b":{"k":1}}');
  });
});

describe('computeAuditHash', () => {
  const event = {
    streamId: 'ai-system:0b0e7c1e-5d1f-4c1e-9a55-1b2c3d4e5f60',
    seq: 1,
    eventType: 'registered',
    actorId: null,
    actorLabel: 'system',
    aiSystemId: '0b0e7c1e-5d1f-4c1e-9a55-1b2c3d4e5f60',
    payload: { name: 'CV screener' },
    occurredAt: new Date('2025-11-23T10:00:00.000Z'),
  };

  it('is sha256 over the previous hash followed by the canonical event', () => {
    const expected = createHash('sha256')
      .update(
        GENESIS_HASH +
          '{"actorId":null,"actorLabel":"system","aiSystemId":"0b0e7c1e-5d1f-4c1e-9a55-1b2c3d4e5f60","eventType":"registered",' +
          '"occurredAt":"2025-11-23T10:00:00.000Z","payload":{"name":"CV screener"},"seq":1,"streamId":"ai-system:0b0e7c1e-5d1f-4c1e-9a55-1b2c3d4e5f60"}',
      )
      .digest('hex');
    expect(computeAuditHash(GENESIS_HASH, event)).toBe(expected);
  });

  it('changes with every covered field and with the previous hash', () => {
    const base = computeAuditHash(GENESIS_HASH, event);
    const variants = [
      computeAuditHash('f'.repeat(64), event),
      computeAuditHash(GENESIS_HASH, { ...event, seq: 2 }),
      computeAuditHash(GENESIS_HASH, { ...event, eventType: 'approved' }),
      computeAuditHash(GENESIS_HASH, { ...event, actorLabel: 'mallory' }),
      computeAuditHash(GENESIS_HASH, { ...event, payload: { name: 'CV screener ' } }),
      computeAuditHash(GENESIS_HASH, { ...event, occurredAt: new Date('2025-11-23T10:00:00.001Z') }),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it('accepts the timestamp as a Date or as its ISO string, and missing optionals as null', () => {
    const { actorId: _a, ...withoutActor } = event;
    expect(computeAuditHash(GENESIS_HASH, { ...withoutActor, occurredAt: '2025-11-23T10:00:00.000Z' })).toBe(computeAuditHash(GENESIS_HASH, event));
  });
});

describe('hashedContentAroundSeq', () => {
  // appendNextAuditEvent has the database put the seq it picked between these two halves and hash
  // the result; verification recomputes computeAuditHash, so the two must agree byte for byte.
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  it('puts the seq where computeAuditHash hashes it, whatever the stream, payload and actor hold', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, unit: 'grapheme' }),
        fc.jsonValue(),
        fc.option(fc.string({ unit: 'binary' })),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        (streamId, payload, actorLabel, seq, occurredAt) => {
          const event = { streamId, eventType: 'changed', actorId: null, actorLabel, aiSystemId: null, payload, occurredAt };
          const { before, after } = hashedContentAroundSeq(event);
          expect(sha256(GENESIS_HASH + before + String(seq) + after)).toBe(computeAuditHash(GENESIS_HASH, { ...event, seq }));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is not fooled by a payload that carries seq and streamId keys of its own', () => {
    const event = { streamId: 's"1', eventType: 'x', payload: { a: 1, seq: 0, streamId: 's"1' }, occurredAt: new Date(0) };
    const { before, after } = hashedContentAroundSeq(event);
    expect(before).toBe(
      '{"actorId":null,"actorLabel":null,"aiSystemId":null,"eventType":"x","occurredAt":"1970-01-01T00:00:00.000Z","payload":{"a":1,"seq":0,"streamId":"s\\"1"},"seq":',
    );
    expect(after).toBe(',"streamId":"s\\"1"}');
    expect(sha256(GENESIS_HASH + before + '7' + after)).toBe(computeAuditHash(GENESIS_HASH, { ...event, seq: 7 }));
  });
});
