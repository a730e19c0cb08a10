import {
  base64DecodedLength,
  expiryProblem,
  isBase64,
  isMediaType,
  isSha256Hex,
  linkProblem,
  manualEvidenceExpiry,
  manualEvidenceNoticeDue,
  MANUAL_EVIDENCE_MAX_BYTES,
} from './manual-evidence';

const NOW = Date.parse('2027-06-01T00:00:00Z');
const DAY = 86_400_000;

describe('manual evidence', () => {
  it('reads strict base64 and its decoded size without decoding', () => {
    for (const bytes of [0, 1, 2, 3, 4, 5, 1000]) {
      const text = Buffer.alloc(bytes, 7).toString('base64');
      expect(isBase64(text)).toBe(true);
      expect(base64DecodedLength(text)).toBe(bytes);
    }
    for (const bad of ['abc', 'ab=c', 'a b c d', 'YWJj\n', '====', 'YW-_']) expect(isBase64(bad)).toBe(false);
    expect(isBase64(Buffer.alloc(MANUAL_EVIDENCE_MAX_BYTES + 1, 1).toString('base64'))).toBe(true);
    expect(MANUAL_EVIDENCE_MAX_BYTES).toBe(10 * 1024 * 1024);
  });

  it('takes a lower-case hex SHA-256 and a type/subtype media type', () => {
    expect(isSha256Hex('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toBe(true);
    expect(isSha256Hex('E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855')).toBe(false);
    expect(isSha256Hex('e3b0')).toBe(false);
    expect(isMediaType('application/pdf')).toBe(true);
    expect(isMediaType('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(true);
    for (const bad of ['pdf', 'text/plain; charset=utf-8', 'text/', 'Text/Plain', 'a/b\r\nX: y']) expect(isMediaType(bad)).toBe(false);
  });

  it('takes https links only, without credentials', () => {
    expect(linkProblem('https://docs.example.com/iso/cert.pdf')).toBeNull();
    expect(linkProblem('http://docs.example.com/x')).toBe('must be an https URL');
    expect(linkProblem('javascript:alert(1)')).toBe('must be an https URL');
    expect(linkProblem('docs.example.com')).toBe('must be an absolute https URL');
    expect(linkProblem('https://me:secret@docs.example.com/')).toBe('must not carry a user name or password');
  });

  it('wants an expiry date in the future and within five years', () => {
    expect(expiryProblem(NOW + DAY, NOW)).toBeNull();
    expect(expiryProblem(NOW, NOW)).toBe('must be in the future');
    expect(expiryProblem(NOW - DAY, NOW)).toBe('must be in the future');
    expect(expiryProblem(Date.parse('2032-06-01T00:00:00Z'), NOW)).toBeNull();
    expect(expiryProblem(Date.parse('2032-06-01T00:00:01Z'), NOW)).toMatch(/within P5Y/);
    expect(expiryProblem(Number.NaN, NOW)).toMatch(/ISO-8601/);
  });

  it('is valid, then expiring inside the reminder window, then expired from its expiry on', () => {
    const expiresAt = NOW + 40 * DAY;
    expect(manualEvidenceExpiry(expiresAt, NOW)).toBe('valid');
    expect(manualEvidenceExpiry(expiresAt, expiresAt - 30 * DAY - 1)).toBe('valid');
    expect(manualEvidenceExpiry(expiresAt, expiresAt - 30 * DAY)).toBe('expiring');
    expect(manualEvidenceExpiry(expiresAt, expiresAt - 1)).toBe('expiring');
    expect(manualEvidenceExpiry(expiresAt, expiresAt)).toBe('expired');
    expect(manualEvidenceExpiry(expiresAt, expiresAt - 2 * DAY, 'P1D')).toBe('valid');
  });

  it('owes the owner one reminder and the governance office one escalation per expiry date', () => {
    const expiresAt = NOW + 10 * DAY;
    const item = { status: 'current' as const, expiresAt, remindedFor: null, escalatedFor: null };
    expect(manualEvidenceNoticeDue({ ...item, expiresAt: NOW + 40 * DAY }, NOW)).toBeNull();
    expect(manualEvidenceNoticeDue(item, NOW)).toBe('remind_owner');
    expect(manualEvidenceNoticeDue({ ...item, remindedFor: expiresAt }, NOW)).toBeNull();
    // replaced with a new expiry date: the reminder about the old one does not count
    expect(manualEvidenceNoticeDue({ ...item, remindedFor: expiresAt - DAY }, NOW)).toBe('remind_owner');
    expect(manualEvidenceNoticeDue({ ...item, remindedFor: expiresAt }, expiresAt)).toBe('escalate');
    expect(manualEvidenceNoticeDue({ ...item, remindedFor: expiresAt, escalatedFor: expiresAt }, expiresAt + DAY)).toBeNull();
    expect(manualEvidenceNoticeDue({ ...item, status: 'withdrawn' }, expiresAt + DAY)).toBeNull();
  });
});
