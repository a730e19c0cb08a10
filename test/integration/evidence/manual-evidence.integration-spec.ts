import { createHash, randomBytes } from 'node:crypto';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { registrationBody } from '../../support/governance-flows';
import { waitUntil } from '../../support/wait-until';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

/**
 * Manual evidence on the real servers: a document uploaded with its SHA-256, refused when the
 * hash does not match or it is too large (writing nothing), downloaded byte for byte, counted as
 * evidence of the controls it names, and turning its control to `attention` once it expires.
 */
describe('manual evidence', () => {
  let h: Harness;
  let gov: HarnessUser;
  let security: HarnessUser;
  let owner: HarnessUser;
  let stranger: HarnessUser;
  let systemId: string;
  const document = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(4096), Buffer.from([0, 255, 13, 10])]);

  beforeAll(async () => {
    h = await startGovernanceHarness();
    [gov, security, owner, stranger] = [
      await h.createUser(['governance_office']),
      await h.createUser(['security_officer']),
      await h.createUser(['product_owner']),
      await h.createUser(['product_owner']),
    ];
    const registered = await h.api('POST', '/api/v1/ai-systems', {
      token: owner.token,
      body: { ...registrationBody(`Manual evidence ${randomBytes(3).toString('hex')}`), accountableOwnerId: owner.user.id },
    });
    expect(registered.status).toBe(201);
    systemId = registered.body.id;
  });
  afterAll(async () => h?.stop());

  const upload = (by: HarnessUser, over: Record<string, unknown> = {}) =>
    h.api('POST', '/api/v1/manual-evidence', {
      token: by.token,
      body: {
        title: 'Cloud supplier ISO/IEC 27001 certificate',
        ownerId: security.user.id,
        controls: [{ framework: 'iso27001', ref: 'A.5.19' }],
        content: document.toString('base64'),
        sha256: sha256(document),
        mediaType: 'application/pdf',
        fileName: 'supplier-certificate.pdf',
        expiresAt: inDays(200),
        ...over,
      },
    });

  it('keeps a document with its SHA-256, size and media type, audited, and downloads it byte for byte', async () => {
    const created = await upload(security);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ form: 'document', sha256: sha256(document), sizeBytes: document.length, mediaType: 'application/pdf', version: 1, status: 'current', expiry: 'valid', aiSystemIds: [] });
    const id = created.body.id;
    // organisation-wide: read by whoever sees every AI system, and its owner; not by a product owner
    expect((await fetch(`${h.baseUrl}/api/v1/manual-evidence/${id}/content`, { headers: { authorization: `Bearer ${owner.token}` } })).status).toBe(403);
    const response = await fetch(`${h.baseUrl}/api/v1/manual-evidence/${id}/content`, { headers: { authorization: `Bearer ${gov.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain('attachment; filename="supplier-certificate.pdf"');
    expect(response.headers.get('x-content-sha256')).toBe(sha256(document));
    expect(Buffer.from(await response.arrayBuffer()).equals(document)).toBe(true);
    const [audit] = await h.dataSource.query(`SELECT event_type, payload FROM audit_events WHERE stream_id = $1`, [`manual-evidence:${id}`]);
    expect(audit).toMatchObject({ event_type: 'manual_evidence.created', payload: expect.objectContaining({ sha256: sha256(document) }) });
  });

  it('refuses a hash that does not match (400 sha256), content over 10 MiB (400 content), an unknown control and a stranger, writing nothing', async () => {
    const before = await h.rowCounts();
    const mismatch = await upload(security, { sha256: sha256(Buffer.from('something else')) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toMatchObject({ field: 'sha256' });
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 1);
    const tooLarge = await upload(security, { content: big.toString('base64'), sha256: sha256(big) });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body).toMatchObject({ field: 'content' });
    expect((await upload(security, { controls: [{ framework: 'iso27001', ref: 'A.9.9' }] })).body).toMatchObject({ field: 'controls.0.ref' });
    expect((await upload(security, { content: undefined, sha256: undefined, mediaType: undefined, fileName: undefined, url: 'http://example.com/x' })).body).toMatchObject({ field: 'url' });
    const refused = await upload(stranger, { aiSystemIds: [systemId] });
    expect(refused.status).toBe(403);
    expect(await h.rowCounts()).toEqual(before);
  });

  it('counts as evidence of its controls for the systems it names, until it expires: then attention, evidence_expired', async () => {
    const link = await upload(owner, {
      content: undefined, sha256: undefined, mediaType: undefined, fileName: undefined,
      url: 'https://trust.example.com/pen-test-2026.pdf',
      title: 'Penetration test report',
      controls: [{ framework: 'iso27001', ref: 'A.8.29' }],
      aiSystemIds: [systemId],
      expiresAt: new Date(Date.now() + 4000).toISOString(),
    });
    expect(link.status).toBe(201);
    const controls = await h.api('GET', `/api/v1/ai-systems/${systemId}/controls`, { token: owner.token });
    const row = (ref: string, body = controls.body) => body.controls.find((c: { framework: string; ref: string }) => c.framework === 'iso27001' && c.ref === ref);
    expect(row('A.8.29')).toMatchObject({ status: 'effective', kinds: ['manual_evidence'], evidence: [expect.objectContaining({ kind: 'manual_evidence', link: `/api/v1/manual-evidence/${link.body.id}` })] });
    // the organisation-wide certificate counts for this system too
    expect(row('A.5.19')).toMatchObject({ status: 'effective', evidence: [expect.objectContaining({ kind: 'manual_evidence' })] });
    const across = await h.api('GET', '/api/v1/controls/iso27001/A.5.19/evidence', { token: gov.token });
    expect(across.body.items).toEqual([expect.objectContaining({ kind: 'manual_evidence', title: expect.stringContaining('Cloud supplier ISO/IEC 27001 certificate') })]);
    const listed = await h.api('GET', `/api/v1/manual-evidence?control=iso27001:A.8.29&aiSystemId=${systemId}&expiringBefore=${encodeURIComponent(inDays(1))}`, { token: owner.token });
    expect(listed.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: link.body.id, expiry: 'expiring' })] });

    await waitUntil(async () => {
      const report = await h.api('GET', `/api/v1/reports/control-health?aiSystemId=${systemId}`, { token: gov.token });
      return row('A.8.29', report.body)?.status === 'attention' ? report : undefined;
    }, 30_000, 'the expired evidence turns its control to attention');
    const after = await h.api('GET', `/api/v1/ai-systems/${systemId}/controls`, { token: owner.token });
    expect(row('A.8.29', after.body)).toMatchObject({ status: 'attention', reasons: [expect.objectContaining({ code: 'evidence_expired', kind: 'manual_evidence' })] });
  });

  it('replaces and withdraws, audited; a withdrawn item no longer counts', async () => {
    const created = await upload(security, { controls: [{ framework: 'iso27001', ref: 'A.5.23' }], aiSystemIds: [systemId] });
    const next = Buffer.from('version two');
    const replaced = await h.api('PUT', `/api/v1/manual-evidence/${created.body.id}`, {
      token: owner.token,
      body: { content: next.toString('base64'), sha256: sha256(next), mediaType: 'text/plain', fileName: 'v2.txt', expiresAt: inDays(300), reason: 'renewed' },
    });
    expect(replaced.body).toMatchObject({ version: 2, sha256: sha256(next), sizeBytes: next.length });
    const downloaded = await fetch(`${h.baseUrl}/api/v1/manual-evidence/${created.body.id}/content`, { headers: { authorization: `Bearer ${gov.token}` } });
    expect(Buffer.from(await downloaded.arrayBuffer()).toString()).toBe('version two');
    const withdrawn = await h.api('POST', `/api/v1/manual-evidence/${created.body.id}/withdrawal`, { token: gov.token, body: { reason: 'supplier left' } });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawalReason: 'supplier left' });
    expect((await h.api('POST', `/api/v1/manual-evidence/${created.body.id}/withdrawal`, { token: gov.token, body: { reason: 'again' } })).status).toBe(409);
    const events = await h.dataSource.query(`SELECT event_type FROM audit_events WHERE stream_id = $1 ORDER BY id`, [`manual-evidence:${created.body.id}`]);
    expect(events.map((e: { event_type: string }) => e.event_type)).toEqual(['manual_evidence.created', 'manual_evidence.replaced', 'manual_evidence.withdrawn']);
    const controls = await h.api('GET', `/api/v1/ai-systems/${systemId}/controls`, { token: owner.token });
    expect(controls.body.controls.find((c: { ref: string; framework: string }) => c.framework === 'iso27001' && c.ref === 'A.5.23')).toBeUndefined();
  });
});
