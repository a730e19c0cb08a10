import { parse } from 'csv-parse/sync';
import * as ExcelJS from 'exceljs';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { oscalErrors, oscalValidator } from '../../support/oscal-schema';
import { pdfPages } from '../../support/pdf-text';
import { waitUntil } from '../../support/wait-until';

interface Control {
  framework: 'iso42001' | 'iso27001';
  ref: string;
  title: string;
}

interface Download {
  status: number;
  contentType: string;
  disposition: string;
  bytes: Buffer;
}

/**
 * Exports of the Statement of Applicability on real parts: a version is drafted and published
 * through its approval round the way the SoA spec does it, then exported in every format and
 * each file read back with an independent reader; the next draft is exported marked DRAFT.
 */
describe('Statement of Applicability exports', () => {
  let h: Harness;
  let governance: HarnessUser;
  let approver: HarnessUser;
  let owner: HarnessUser;
  let reader: HarnessUser;
  let controls: Control[];
  let published: { version: number; sha256: string; publishedAt: string; document: { entries: Array<{ framework: string; ref: string; title: string }> } };

  const download = async (path: string, token?: string): Promise<Download> => {
    const response = await fetch(`${h.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      disposition: response.headers.get('content-disposition') ?? '',
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };
  const exportOf = (version: string | number, format: string, token = reader.token) => download(`/api/v1/soa/versions/${version}/export?format=${format}`, token);
  const decision = (c: Control, i: number) =>
    i % 10 === 9
      ? { applicable: false, justification: `=${c.ref} is outside our scope, "no such activity"`, implementationStatus: 'not_started' }
      : { applicable: true, justification: `${c.ref} treats risks of our AI systems`, implementationStatus: i % 2 ? 'partial' : 'implemented', ownerId: owner.user.id, riskIds: ['R-1', '+R-2'], evidenceNotes: 'on the intranet,\nsee policy v2' };

  beforeAll(async () => {
    h = await startGovernanceHarness();
    governance = await h.createUser(['governance_office'], { name: 'Sue Submitter' });
    approver = await h.createUser(['governance_office'], { name: 'Ann Approver' });
    owner = await h.createUser(['security_officer'], { name: 'Otto Owner' });
    reader = await h.createUser(['product_owner'], { name: 'Rita Reader' });
    controls = [];
    for (const framework of ['iso42001', 'iso27001'] as const) {
      const page = await h.api('GET', `/api/v1/controls?framework=${framework}&pageSize=200`, { token: reader.token });
      controls.push(...page.body.items.map((c: { ref: string; title: string }) => ({ framework, ref: c.ref, title: c.title })));
    }
    expect(controls).toHaveLength(38 + 93);

    // Drafted by the governance office, published through its approval round by someone else.
    for (const [i, c] of controls.entries()) {
      const r = await h.api('PUT', `/api/v1/soa/entries/${c.framework}/${c.ref}`, { token: governance.token, body: decision(c, i) });
      expect(r.status).toBe(200);
    }
    const draft = await h.api('GET', '/api/v1/soa', { token: reader.token });
    const versionId: string = draft.body.draft.id;
    expect((await h.api('POST', '/api/v1/soa/publication', { token: governance.token })).status).toBe(202);
    const task = await waitUntil(
      async () =>
        (
          await h.dataSource.query(`SELECT id FROM tasks WHERE subject_kind = 'soa' AND subject_id = $1 AND assignee_id = $2 AND status = 'open'`, [versionId, approver.user.id])
        )[0],
      30_000,
      'the SoA approval task',
    );
    expect((await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { token: approver.token, body: { decision: 'approve' } })).status).toBe(200);
    const v1 = await h.api('GET', '/api/v1/soa/versions/1', { token: reader.token });
    expect(v1.body).toMatchObject({ version: 1, status: 'published' });
    published = v1.body;
  });
  afterAll(async () => h?.stop());

  it('exports CSV: every control, quoted per RFC 4180, formula-like text defused, tied to the version and its hash', async () => {
    const file = await exportOf(1, 'csv');
    expect(file.status).toBe(200);
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toBe('attachment; filename="statement-of-applicability-v1.csv"');
    const rows: Record<string, string>[] = parse(file.bytes.toString('utf8'), { columns: true });
    expect(rows).toHaveLength(131);
    expect(rows.map((r) => `${r.framework} ${r.ref}`)).toEqual(controls.map((c) => `${c.framework} ${c.ref}`));
    for (const r of rows) {
      // the shipped policy file names the organisation
      expect(r).toMatchObject({ organisation: 'Example Organisation', soa_version: '1', soa_status: 'published', approved_at: published.publishedAt, approvers: `Ann Approver <${approver.user.email}>`, document_sha256: published.sha256 });
    }
    const [first, , , , , , , , , tenth] = controls;
    expect(rows[0]).toMatchObject({
      title: first.title,
      applicability: 'applicable',
      justification: `${first.ref} treats risks of our AI systems`,
      implementation_status: 'implemented',
      owner: 'Otto Owner',
      owner_email: owner.user.email,
      risks: 'R-1; +R-2',
      evidence_notes: 'on the intranet,\nsee policy v2',
    });
    expect(rows[9]).toMatchObject({ ref: tenth.ref, applicability: 'excluded', justification: `'=${tenth.ref} is outside our scope, "no such activity"`, implementation_status: 'not started', owner: '' });
  });

  it('exports XLSX: a sheet per Annex with a frozen header, and the version, approvers and hash', async () => {
    const file = await exportOf(1, 'xlsx');
    expect(file.status).toBe(200);
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.disposition).toBe('attachment; filename="statement-of-applicability-v1.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
    const iso42001 = wb.getWorksheet('ISO-IEC 42001 Annex A')!;
    const iso27001 = wb.getWorksheet('ISO-IEC 27001 Annex A')!;
    expect([iso42001.rowCount, iso27001.rowCount]).toEqual([1 + 38, 1 + 93]);
    expect(iso42001.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(iso42001.getRow(1).getCell(1).value).toBe('Ref');
    const [first] = controls;
    expect((iso42001.getRow(2).values as unknown[]).slice(1, 8)).toEqual([first.ref, first.title, 'applicable', `${first.ref} treats risks of our AI systems`, 'implemented', 'Otto Owner', owner.user.email]);
    expect(iso42001.getRow(11).getCell(4).value).toBe(`=${controls[9].ref} is outside our scope, "no such activity"`);
    const about = wb.getWorksheet('Version')!;
    const values = Object.fromEntries(about.getRows(2, about.rowCount - 1)!.map((r) => [r.getCell(1).value, r.getCell(2).value]));
    expect(values).toMatchObject({ Version: '1', Status: 'published', 'Document SHA-256': published.sha256, 'Approved (published) at': published.publishedAt, Approvers: `Ann Approver <${approver.user.email}>` });
  });

  it('exports PDF: a title page with version, approval, approvers and hash, then every control by Annex, with page numbers', async () => {
    const file = await exportOf(1, 'pdf');
    expect(file.status).toBe(200);
    expect(file.contentType).toBe('application/pdf');
    expect(file.disposition).toBe('attachment; filename="statement-of-applicability-v1.pdf"');
    const pages = await pdfPages(file.bytes);
    expect(pages[0]).toContain('Statement of Applicability');
    expect(pages[0]).toContain('Scope:');
    expect(pages[0]).toContain(published.sha256);
    expect(pages[0]).toContain(`Ann Approver <${approver.user.email}>`);
    expect(pages[0]).toContain(published.publishedAt.slice(0, 10));
    const listing = pages.slice(1).join('\n');
    expect(listing.indexOf('ISO/IEC 42001 Annex A')).toBeLessThan(listing.indexOf('ISO/IEC 27001 Annex A'));
    const plain = listing.replace(/\s+/g, ' ');
    for (const c of controls) expect(plain).toContain(c.ref);
    expect(plain).toContain(controls[0].title);
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages.length}`));
  });

  it('exports OSCAL: a system security plan the official 1.0.4 schema accepts, every control implemented-requirement, the same bytes every time', async () => {
    const validate = oscalValidator('ssp');
    const file = await exportOf(1, 'oscal');
    expect(file.status).toBe(200);
    expect(file.contentType).toBe('application/json; charset=utf-8');
    expect(file.disposition).toBe('attachment; filename="statement-of-applicability-v1.oscal-ssp.json"');
    const doc = JSON.parse(file.bytes.toString('utf8'));
    expect(validate(doc) ? [] : oscalErrors(validate)).toEqual([]);
    const ssp = doc['system-security-plan'];
    expect(ssp.metadata).toMatchObject({ version: '1', 'oscal-version': '1.0.4', 'last-modified': published.publishedAt, published: published.publishedAt });
    expect(ssp.metadata.props).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'soa-document-sha256', value: published.sha256 })]));
    const approverParty = ssp.metadata.parties.find((p: { name: string }) => p.name === 'Ann Approver');
    const organisation = ssp.metadata.parties.find((p: { type: string }) => p.type === 'organization');
    expect(organisation.name).toBe('Example Organisation');
    expect(ssp.metadata['responsible-parties']).toEqual([
      { 'role-id': 'system-owner', 'party-uuids': [organisation.uuid] },
      { 'role-id': 'approver', 'party-uuids': [approverParty.uuid] },
    ]);
    const reqs: Array<{ 'control-id': string; props: Array<{ name: string; value: string }>; 'by-components': Array<Record<string, any>> }> =
      ssp['control-implementation']['implemented-requirements'];
    expect(reqs.map((r) => r['control-id'])).toEqual(controls.map((c) => `${c.framework}-${c.ref.toLowerCase()}`));
    expect(reqs[0]['by-components'][0]).toMatchObject({ description: `${controls[0].ref} treats risks of our AI systems`, 'implementation-status': { state: 'implemented' } });
    expect(reqs[9]['by-components'][0]['implementation-status']).toMatchObject({ state: 'not-applicable' });
    expect(reqs[0].props).toEqual(expect.arrayContaining([{ name: 'control-title', ns: expect.any(String), value: controls[0].title }]));
    expect((await exportOf(1, 'oscal')).bytes.equals(file.bytes)).toBe(true);
  });

  it('exports the draft marked DRAFT, without a hash, once someone edits after the publication', async () => {
    expect((await exportOf('draft', 'csv')).status).toBe(404);
    const [first] = controls;
    expect((await h.api('PUT', `/api/v1/soa/entries/${first.framework}/${first.ref}`, { token: governance.token, body: { ...decision(first, 0), implementationStatus: 'planned' } })).status).toBe(200);
    const file = await exportOf('draft', 'csv');
    expect(file.status).toBe(200);
    expect(file.disposition).toBe('attachment; filename="statement-of-applicability-v2-draft.csv"');
    const rows: Record<string, string>[] = parse(file.bytes.toString('utf8'), { columns: true });
    expect(rows).toHaveLength(131);
    expect(rows[0]).toMatchObject({ soa_version: '2 DRAFT', soa_status: 'DRAFT', document_sha256: '', approvers: '', implementation_status: 'planned' });
    const pdf = await exportOf('draft', 'pdf');
    expect(pdf.disposition).toBe('attachment; filename="statement-of-applicability-v2-draft.pdf"');
    for (const text of await pdfPages(pdf.bytes)) expect(text).toContain('DRAFT');
    const oscal = JSON.parse((await exportOf('draft', 'oscal')).bytes.toString('utf8'));
    const validate = oscalValidator('ssp');
    expect(validate(oscal) ? [] : oscalErrors(validate)).toEqual([]);
    expect(oscal['system-security-plan'].metadata).toMatchObject({ version: '2-draft' });
    expect(oscal['system-security-plan'].metadata.title).toContain('DRAFT');
    // The draft's number is not a published version.
    expect(await exportOf(2, 'csv').then((f) => [f.status, JSON.parse(f.bytes.toString()).field])).toEqual([404, 'version']);
  });

  it('refuses an unknown version (404), a bad format or version (400 with the field) and whoever may not read the SoA (403)', async () => {
    const refusal = async (f: Promise<Download>) => {
      const r = await f;
      const body = JSON.parse(r.bytes.toString('utf8'));
      expect(body.statusCode).toBe(r.status);
      return [r.status, body.field ?? ''];
    };
    expect(await refusal(exportOf(7, 'csv'))).toEqual([404, 'version']);
    expect(await refusal(exportOf(1, 'docx'))).toEqual([400, 'format']);
    expect(await refusal(download('/api/v1/soa/versions/1/export', reader.token))).toEqual([400, 'format']);
    expect(await refusal(exportOf('one', 'csv'))).toEqual([400, 'version']);
    expect(await refusal(exportOf(1, 'csv', h.config.adminToken))).toEqual([403, '']);
    const leaver = await h.createUser(['auditor']);
    expect((await h.api('PATCH', `/api/v1/users/${leaver.user.id}`, { token: h.admin.token, body: { active: false } })).status).toBe(200);
    expect(await refusal(exportOf(1, 'csv', leaver.token))).toEqual([403, '']);
    expect((await exportOf(1, 'csv', '')).status).toBe(401);
  });
});
