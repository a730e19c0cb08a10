import { parseControlRefs, toBase64 } from './evidence-file';

describe('manual evidence in the browser', () => {
  it('encodes a document as base64 in chunks, the same as one pass would', () => {
    const bytes = new Uint8Array(0x8000 * 2 + 5).map((_, i) => (i * 31) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(toBase64(new Uint8Array())).toBe('');
  });

  it('reads controls by line or comma, framework then ref', () => {
    expect(parseControlRefs('iso27001 A.5.19, iso42001:A.6.2.6\nA.1')).toEqual([
      { framework: 'iso27001', ref: 'A.5.19' },
      { framework: 'iso42001', ref: 'A.6.2.6' },
      { framework: '', ref: 'A.1' },
    ]);
  });
});
