import * as ExcelJS from 'exceljs';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Client } from '@temporalio/client';
import { SystemClock } from '@aigov/config/clock';
import { verifyAuditChain } from '@aigov/persistence/audit-chain';
import { createTemporalClient } from '@aigov/temporal/temporal-client.factory';
import { ImportWorkflowStarter } from '@aigov/api/ai-systems/import/import-workflow-starter';
import { createApiApp } from '@aigov/api/bootstrap';
import { freePort } from '@aigov/scripts/free-port';
import { registrationBody } from '../../support/governance-flows';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { everyTableCount, inventoryCsv, inventoryRow, inventoryXlsx, upload, XLSX_TYPE } from '../../support/inventory-files';
import { waitUntil } from '../../support/wait-until';

const DRY_RUN = '/api/v1/ai-systems/imports/dry-run';
const COMMIT = '/api/v1/ai-systems/imports';
/** small limits, so the limit refusals need small files (the defaults are measured in inventory-import-scale) */
const MAX_ROWS = 40;
const MAX_BYTES = 64 * 1024;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Importing the inventory on the real stack (PostgreSQL, Temporal, the worker): a dry run that
 * reports every problem by row and column and writes nothing, a commit that writes every row or
 * none and starts each new system's lifecycle workflow as a registration does, re-imports that
 * change nothing, updates the edit policy allows and refusals it does not, files that cannot be
 * read, who may import, the Idempotency-Key, the XLSX export that imports back unchanged, and
 * workflow starts finished after the commit.
 */
describe('inventory import', () => {
  let h: Harness;
  let office: HarnessUser;
  let auditor: HarnessUser;
  let productOwner: HarnessUser;
  let approver: HarnessUser;
  let olga: HarnessUser;
  let peter: HarnessUser;
  let leaver: HarnessUser;
  /** a system registered through the API (no external id: its id is its external id) */
  let registeredId: string;

  beforeAll(async () => {
    h = await startGovernanceHarness({ env: { IMPORT_MAX_ROWS: String(MAX_ROWS), IMPORT_MAX_BYTES: String(MAX_BYTES) } });
    office = await h.createUser(['governance_office'], { name: 'Gina Governance' });
    auditor = await h.createUser(['auditor']);
    productOwner = await h.createUser(['product_owner']);
    approver = await h.createUser(['approver']);
    olga = await h.createUser(['product_owner'], { name: 'Olga Owner' });
    peter = await h.createUser(['product_owner'], { name: 'Peter Owner' });
    leaver = await h.createUser(['product_owner'], { name: 'Lea Leaver' });
    expect((await h.api('PATCH', `/api/v1/users/${leaver.user.id}`, { token: h.admin.token, body: { active: false } })).status).toBe(200);
    const made = await h.api('POST', '/api/v1/ai-systems', { token: olga.token, body: registrationBody('Registered by hand') });
    expect(made.status).toBe(201);
    registeredId = made.body.id;
  });
  afterAll(async () => h?.stop());

  /** Every imported system's workflow has applied its registration: nothing is still being written. */
  async function settled(): Promise<void> {
    await waitUntil(
      async () => {
        const [row] = await h.dataSource.query(`SELECT count(*)::int AS n FROM ai_systems WHERE projection_seq = 0`);
        return row.n === 0 ? true : null;
      },
      60_000,
      'every system’s registration applied by its workflow',
    );
  }

  /** The request is refused with this status and field, and no table of the database changed. */
  async function refused(status: number, field: string, send: () => Promise<{ status: number; body: any }>) {
    await settled();
    const before = await everyTableCount(h);
    const response = await send();
    expect({ status: response.status, field: response.body.field }).toEqual({ status, field });
    expect(response.body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String) });
    expect(await everyTableCount(h)).toEqual(before);
    return response.body as { message: string };
  }

  describe('dry run', () => {
    it('reports every problem by row and column, with the counts, and writes nothing', async () => {
      const file = inventoryCsv(
        [
          inventoryRow('DRY-1', olga.user.email),
          inventoryRow('DRY-2', 'nobody@example.test'),
          inventoryRow('DRY-3', leaver.user.email, { personalData: 'perhaps' }),
          inventoryRow('DRY-4', olga.user.email, { vendorType: 'third party' }),
          inventoryRow('DRY-1', peter.user.email),
          inventoryRow(registeredId, olga.user.email, { ...registrationStrings('Registered by hand'), name: 'Registered, renamed' }),
        ],
        { bom: true },
      );
      await settled();
      const before = await everyTableCount(h);
      const { status, body } = await upload(h, `${DRY_RUN}?fileName=systems.csv`, file, { token: office.token });
      expect(await everyTableCount(h)).toEqual(before);
      expect(status).toBe(200);
      expect(body.problems.map((p: { row: number; column: string; message: string }) => `row ${p.row}, ${p.column}: ${p.message}`)).toEqual([
        'row 2, externalId: "DRY-1" is also on row 6; each system has one row',
        'row 3, accountableOwner: no active user with this email',
        'row 4, accountableOwner: no active user with this email',
        'row 4, personalData: must be true or false (yes/no and 1/0 also work), not "perhaps"',
        'row 5, vendorName: is required for a third-party system',
        'row 6, externalId: "DRY-1" is also on row 2; each system has one row',
      ]);
      expect(body).toMatchObject({
        format: 'csv',
        fileName: 'systems.csv',
        fileSha256: sha256(file),
        valid: false,
        summary: { rows: 6, create: 0, update: 1, unchanged: 0, invalid: 5, problems: 6 },
        problemsOmitted: 0,
      });
      expect(body.rows.find((r: { row: number }) => r.row === 7)).toEqual({
        row: 7,
        externalId: registeredId,
        name: 'Registered, renamed',
        action: 'update',
        systemId: registeredId,
        changedColumns: ['name'],
      });
    });

    it('reads an XLSX workbook the same way', async () => {
      const { status, body } = await upload(h, DRY_RUN, await inventoryXlsx([inventoryRow('XL-1', olga.user.email), inventoryRow('XL-2', 'nobody@example.test')]), {
        token: office.token,
        type: XLSX_TYPE,
      });
      expect(status).toBe(200);
      expect(body).toMatchObject({ format: 'xlsx', sheetName: 'AI systems', summary: { rows: 2, create: 1, invalid: 1 } });
      expect(body.problems).toEqual([{ row: 3, column: 'accountableOwner', code: 'unknown_owner', message: 'no active user with this email' }]);
    });
  });

  describe('commit', () => {
    const first = () => [
      inventoryRow('CMDB-100', olga.user.email, { name: 'Claims triage' }),
      inventoryRow('CMDB-101', peter.user.email, { name: 'Fraud scoring', vendorType: 'third_party', vendorName: 'Acme, Inc.' }),
      inventoryRow('CMDB-102', olga.user.email, { name: 'Chat assistant', dataSources: 'knowledge base\nchat logs' }),
    ];

    it('writes nothing when any row has a problem, naming the first and counting the rest', async () => {
      const rows = [...first(), inventoryRow('CMDB-103', 'nobody@example.test'), inventoryRow('CMDB-104', olga.user.email, { autonomyLevel: 'robot' })];
      const body = await refused(422, 'accountableOwner', () => upload(h, COMMIT, inventoryCsv(rows), { token: office.token }));
      expect(body.message).toBe('nothing was imported: row 5, accountableOwner: no active user with this email; 1 more problem in 2 rows in all (a dry run lists every one)');
    });

    it('registers every new system and starts its lifecycle workflow as a registration does, audited', async () => {
      const file = inventoryCsv(first());
      const { status, body } = await upload(h, `${COMMIT}?fileName=first.csv`, file, { token: office.token });
      expect(status).toBe(201);
      expect(body.workflows).toEqual({ toStart: 3, started: 3, pending: 0, running: false });
      expect(body.import).toMatchObject({
        status: 'completed',
        fileName: 'first.csv',
        fileSha256: sha256(file),
        rows: 3,
        created: 3,
        updated: 0,
        unchanged: 0,
        importedById: office.user.id,
        importedBy: office.user.email,
        workflows: { toStart: 3, started: 3, pending: 0, running: false },
      });
      await settled();
      const systems = await h.dataSource.query(
        `SELECT id, external_id, name, stage, accountable_owner_id, created_by_id, vendor_name, data_sources, workflow_id, projection_seq
           FROM ai_systems WHERE external_id LIKE 'CMDB-10%' ORDER BY external_id`,
      );
      expect(systems.map((s: Record<string, unknown>) => [s.external_id, s.name, s.stage, s.accountable_owner_id, s.created_by_id, s.workflow_id === `ai-system:${s.id}`])).toEqual([
        ['CMDB-100', 'Claims triage', 'design', olga.user.id, office.user.id, true],
        ['CMDB-101', 'Fraud scoring', 'design', peter.user.id, office.user.id, true],
        ['CMDB-102', 'Chat assistant', 'design', olga.user.id, office.user.id, true],
      ]);
      expect(systems[1].vendor_name).toBe('Acme, Inc.');
      expect(systems[2].data_sources).toEqual(['knowledge base', 'chat logs']);

      // What a registration leaves: the stage history's first entry and the lifecycle's own audit event, by the importer.
      for (const s of systems) {
        const history = await h.api('GET', `/api/v1/ai-systems/${s.id}`, { token: office.token });
        expect(history.body.stageHistory).toMatchObject([{ seq: 1, fromStage: null, toStage: 'design', action: 'registered', actorId: office.user.id }]);
        const events = await h.dataSource.query(`SELECT stream_id, event_type, actor_id, payload FROM audit_events WHERE ai_system_id = $1 ORDER BY stream_id COLLATE "C", seq`, [s.id]);
        expect(events.map((e: { stream_id: string; event_type: string; actor_id: string }) => [e.stream_id, e.event_type, e.actor_id])).toEqual([
          [`ai-system-registration:${s.id}`, 'ai_system.imported', office.user.id],
          [`ai-system:${s.id}`, 'ai_system.registered', office.user.id],
        ]);
        expect(events[0].payload).toEqual({ importId: body.import.id, externalId: s.external_id, row: systems.indexOf(s) + 2 });
      }
      const [committed] = await h.dataSource.query(`SELECT actor_id, payload FROM audit_events WHERE stream_id = $1`, [`inventory-import:${body.import.id}`]);
      expect(committed).toEqual({
        actor_id: office.user.id,
        payload: { fileSha256: sha256(file), fileName: 'first.csv', format: 'csv', rows: 3, created: 3, updated: 0, unchanged: 0 },
      });

      // The workflows are the systems' own: the owner submits one for assessment.
      const submitted = await h.api('POST', `/api/v1/ai-systems/${systems[0].id}/submit`, { token: olga.token });
      expect({ status: submitted.status, stage: submitted.body.stage }).toEqual({ status: 201, stage: 'impact_assessment' });
    });

    it('changes nothing when the same file is imported again, and says every row is unchanged', async () => {
      await settled();
      const before = await everyTableCount(h);
      const { status, body } = await upload(h, COMMIT, inventoryCsv(first()), { token: office.token });
      expect(await everyTableCount(h)).toEqual(before);
      expect(status).toBe(200);
      expect(body).toMatchObject({ import: null, workflows: { toStart: 0, started: 0, pending: 0, running: false }, report: { valid: true, summary: { rows: 3, create: 0, update: 0, unchanged: 3 }, rows: [] } });
    });

    it('updates what the stage allows, audits each field from and to, and refuses the rest of the file whole', async () => {
      const [claims] = await h.dataSource.query(`SELECT id FROM ai_systems WHERE external_id = 'CMDB-100'`);
      const [fraud] = await h.dataSource.query(`SELECT id FROM ai_systems WHERE external_id = 'CMDB-101'`);
      const rows = first();
      rows[0] = { ...rows[0], name: 'Claims triage v2', businessUnit: 'Claims' }; // in impact assessment: name and unit may change
      rows[1] = { ...rows[1], purpose: 'Score card fraud', affectedStakeholders: 'card holders' }; // in design: may change

      const { status, body } = await upload(h, COMMIT, inventoryCsv(rows), { token: office.token });
      expect(status).toBe(201);
      expect(body.report.summary).toMatchObject({ create: 0, update: 2, unchanged: 1 });
      expect(body.import).toMatchObject({ created: 0, updated: 2, unchanged: 1, status: 'completed' });
      const after = await h.api('GET', `/api/v1/ai-systems/${claims.id}`, { token: office.token });
      expect(after.body).toMatchObject({ name: 'Claims triage v2', businessUnit: 'Claims', stage: 'impact_assessment' });
      const [updated] = await h.dataSource.query(`SELECT payload FROM audit_events WHERE stream_id = $1 AND event_type = 'ai_system.registration_updated'`, [
        `ai-system-registration:${fraud.id}`,
      ]);
      expect(updated.payload).toEqual({
        importId: body.import.id,
        externalId: 'CMDB-101',
        row: 3,
        changes: [
          { field: 'purpose', from: 'Purpose of CMDB-101', to: 'Score card fraud' },
          { field: 'affectedStakeholders', from: ['employees'], to: ['card holders'] },
        ],
      });

      // Under assessment, what the system does is frozen; a running system's owner is its workflow's: nothing of the file is written.
      rows[0] = { ...rows[0], autonomyLevel: 'fully_automated' };
      rows[1] = { ...rows[1], accountableOwner: olga.user.email, name: 'Fraud scoring v2' };
      const dry = await upload(h, DRY_RUN, inventoryCsv(rows), { token: office.token });
      expect(dry.body.problems.map((p: { row: number; column: string; code: string }) => [p.row, p.column, p.code])).toEqual([
        [2, 'autonomyLevel', 'under_assessment'],
        [3, 'accountableOwner', 'owner_held_by_lifecycle'],
      ]);
      await refused(422, 'autonomyLevel', () => upload(h, COMMIT, inventoryCsv(rows), { token: office.token }));
    });

    it('lets one import commit at a time: the second waits, then finds the first one’s systems', async () => {
      const file = inventoryCsv([inventoryRow('RACE-1', olga.user.email), inventoryRow('RACE-2', peter.user.email)]);
      const [a, b] = await Promise.all([upload(h, COMMIT, file, { token: office.token }), upload(h, COMMIT, file, { token: h.admin.token })]);
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      const [count] = await h.dataSource.query(`SELECT count(*)::int AS n FROM ai_systems WHERE external_id LIKE 'RACE-%'`);
      expect(count.n).toBe(2);
    });

    it('keeps the audit trail’s chains intact', async () => {
      await settled();
      expect(await verifyAuditChain(h.dataSource)).toMatchObject({ ok: true });
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a resent commit with the first answer and imports once; the key with another file is refused', async () => {
      const key = `import-${randomUUID()}`;
      const file = inventoryCsv([inventoryRow('IDEM-1', olga.user.email)]);
      const first = await upload(h, COMMIT, file, { token: office.token, headers: { 'Idempotency-Key': key } });
      expect(first.status).toBe(201);
      await settled();
      const before = await everyTableCount(h);
      const again = await upload(h, COMMIT, file, { token: office.token, headers: { 'Idempotency-Key': key } });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await everyTableCount(h)).toEqual(before);
      await refused(422, 'Idempotency-Key', () =>
        upload(h, COMMIT, inventoryCsv([inventoryRow('IDEM-2', olga.user.email)]), { token: office.token, headers: { 'Idempotency-Key': key } }),
      );
    });
  });

  describe('files that cannot be imported', () => {
    const good = () => inventoryCsv([inventoryRow('BAD-1', olga.user.email)]);

    it('refuses an empty file, a header without rows, and malformed CSV, naming where', async () => {
      for (const path of [DRY_RUN, COMMIT]) {
        expect((await refused(422, 'file', () => upload(h, path, Buffer.alloc(0), { token: office.token }))).message).toBe('the file is empty');
        await refused(422, 'file', () => upload(h, path, inventoryCsv([]), { token: office.token }));
        const unterminated = Buffer.concat([inventoryCsv([inventoryRow('BAD-1', olga.user.email)]), Buffer.from('BAD-2,"never closed,x\r\n')]);
        expect((await refused(422, 'file', () => upload(h, path, unterminated, { token: office.token }))).message).toBe(
          'the file is not valid CSV: row 3, column B: a quoted field is never closed (an opening " has no closing ")',
        );
      }
    });

    it('refuses a corrupt or non-XLSX file sent as XLSX, and a workbook sent as CSV', async () => {
      const workbook = await inventoryXlsx([inventoryRow('BAD-1', olga.user.email)]);
      for (const path of [DRY_RUN, COMMIT]) {
        await refused(422, 'file', () => upload(h, path, good(), { token: office.token, type: XLSX_TYPE }));
        await refused(422, 'file', () => upload(h, path, workbook.subarray(0, workbook.length - 200), { token: office.token, type: XLSX_TYPE }));
        await refused(422, 'file', () => upload(h, path, workbook, { token: office.token, type: 'text/csv' }));
      }
    });

    it('refuses unknown and missing columns, naming each', async () => {
      const withColour = inventoryCsv([{ ...inventoryRow('BAD-1', olga.user.email), colour: 'blue' }], {
        columns: ['externalId', 'name', 'colour', 'purpose', 'intendedUse', 'accountableOwner', 'businessUnit', 'dataSources', 'dataCategories', 'personalData',
          'specialCategoryData', 'modelType', 'vendorType', 'deploymentContext', 'affectedStakeholders', 'autonomyLevel'],
      });
      expect((await refused(422, 'columns', () => upload(h, DRY_RUN, withColour, { token: office.token }))).message).toMatch(/unknown column: "colour" \(column C\)/);
      const withoutOwner = inventoryCsv([inventoryRow('BAD-1', olga.user.email)], { columns: ['externalId', 'name', 'purpose'] });
      const message = (await refused(422, 'columns', () => upload(h, COMMIT, withoutOwner, { token: office.token }))).message;
      expect(message).toContain('accountableOwner ("Accountable owner email")');
      expect(message).toContain('autonomyLevel ("Autonomy level")');
    });

    it('refuses more rows than IMPORT_MAX_ROWS and more bytes than IMPORT_MAX_BYTES (declared or streamed)', async () => {
      const many = inventoryCsv(Array.from({ length: MAX_ROWS + 1 }, (_, i) => inventoryRow(`MANY-${i}`, olga.user.email)));
      expect((await refused(422, 'file', () => upload(h, COMMIT, many, { token: office.token }))).message).toBe(
        `the file has ${MAX_ROWS + 1} data rows; one import takes at most ${MAX_ROWS} (IMPORT_MAX_ROWS): split it into several files`,
      );
      const big = Buffer.concat([good(), Buffer.alloc(MAX_BYTES, 0x20)]);
      expect((await refused(413, 'file', () => upload(h, DRY_RUN, big, { token: office.token }))).message).toMatch(/^the file is [\d,]+ bytes; an import takes at most 65,536 bytes/);
      // Sent without a length (chunked): refused where it crosses the limit.
      const streamed = () =>
        fetch(`${h.baseUrl}${COMMIT}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${office.token}`, 'content-type': 'text/csv' },
          body: Readable.toWeb(Readable.from([good(), Buffer.alloc(MAX_BYTES, 0x20)])) as unknown as RequestInit['body'],
          duplex: 'half',
        } as RequestInit).then(async (r) => ({ status: r.status, body: await r.json() }));
      expect((await refused(413, 'file', streamed)).message).toMatch(/^the file is larger than 65,536 bytes/);
    });

    it('refuses a body that is not a file: another media type, JSON, nothing', async () => {
      await refused(415, 'Content-Type', () => h.api('POST', COMMIT, { token: office.token, body: { rows: [] } }));
      await refused(400, 'file', () => h.api('POST', COMMIT, { token: office.token }));
      const pdf = await refused(415, undefined as unknown as string, () => upload(h, COMMIT, Buffer.from('%PDF-1.7'), { token: office.token, type: 'application/pdf' }));
      expect(pdf.message).toMatch(/Unsupported Media Type|application\/pdf/i);
      // the import's media types are refused by every other route
      await refused(415, 'Content-Type', () => upload(h, '/api/v1/ai-systems', good(), { token: olga.token }));
    });
  });

  describe('access', () => {
    it('lets the governance office and admins import; auditors, product owners and approvers are refused', async () => {
      const file = inventoryCsv([inventoryRow('ACCESS-1', olga.user.email)]);
      for (const who of [auditor, productOwner, approver]) {
        for (const path of [DRY_RUN, COMMIT]) {
          expect((await refused(403, undefined as unknown as string, () => upload(h, path, file, { token: who.token }))).message).toBe(
            'this needs one of the roles: governance_office, admin',
          );
        }
      }
      expect((await upload(h, DRY_RUN, file, { token: h.admin.token })).status).toBe(200);
    });

    it('lets auditors read the import history and export, never change anything', async () => {
      const list = await h.api('GET', '/api/v1/ai-systems/imports?pageSize=50', { token: auditor.token });
      expect(list.status).toBe(200);
      expect(list.body.total).toBeGreaterThanOrEqual(3);
      const one = await h.api('GET', `/api/v1/ai-systems/imports/${list.body.items[0].id}`, { token: auditor.token });
      expect(one.status).toBe(200);
      expect((await h.api('GET', '/api/v1/ai-systems/imports', { token: productOwner.token })).status).toBe(403);
      await refused(403, undefined as unknown as string, () => h.api('POST', `/api/v1/ai-systems/imports/${list.body.items[0].id}/workflow-starts`, { token: auditor.token }));
      const exported = await fetch(`${h.baseUrl}/api/v1/ai-systems/export.xlsx`, { headers: { authorization: `Bearer ${auditor.token}` } });
      expect(exported.status).toBe(200);
    });
  });

  describe('XLSX export', () => {
    it('exports the inventory in the import’s columns, read back with exceljs, and a dry run of it finds every row unchanged', async () => {
      await settled();
      const response = await fetch(`${h.baseUrl}/api/v1/ai-systems/export.xlsx?sort=name`, { headers: { authorization: `Bearer ${office.token}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(XLSX_TYPE);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="ai-systems-\d{4}-\d{2}-\d{2}\.xlsx"$/);
      const bytes = Buffer.from(await response.arrayBuffer());

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      const sheet = wb.getWorksheet('AI systems')!;
      const header = (sheet.getRow(1).values as string[]).slice(1);
      expect(header.slice(0, 5)).toEqual(['External ID', 'Name', 'Purpose', 'Intended use', 'Accountable owner email']);
      expect(header).toContain('System ID');
      const list = await h.api('GET', '/api/v1/ai-systems?sort=name&pageSize=200', { token: office.token });
      expect(sheet.actualRowCount - 1).toBe(list.body.total);
      const column = (name: string) => header.indexOf(name) + 1;
      const names: string[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) names.push(String(row.getCell(column('Name')).value));
      });
      expect(names).toEqual(list.body.items.map((s: { name: string }) => s.name));
      const byHand = list.body.items.findIndex((s: { id: string }) => s.id === registeredId) + 2;
      expect(sheet.getRow(byHand).getCell(column('External ID')).value).toBe(registeredId);
      expect(sheet.getRow(byHand).getCell(column('Accountable owner email')).value).toBe(olga.user.email);
      expect(sheet.getRow(byHand).getCell(column('Personal data')).value).toBe(true);
      expect(wb.getWorksheet('Columns')).toBeDefined();

      await settled();
      const before = await everyTableCount(h);
      const dry = await upload(h, DRY_RUN, bytes, { token: office.token, type: XLSX_TYPE });
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ valid: true, problems: [], rows: [], summary: { rows: list.body.total, create: 0, update: 0, unchanged: list.body.total, invalid: 0 } });
      expect(dry.body.ignoredColumns).toEqual(['Stage', 'Risk tier', 'Owner name', 'Current version', 'Last approved version', 'In stage since', 'Next review', 'Registered at', 'Updated at']);
      const commit = await upload(h, COMMIT, bytes, { token: office.token, type: XLSX_TYPE });
      expect({ status: commit.status, import: commit.body.import }).toEqual({ status: 200, import: null });
      expect(await everyTableCount(h)).toEqual(before);
    });

    it('exports for a product owner only the systems they own or registered', async () => {
      const response = await fetch(`${h.baseUrl}/api/v1/ai-systems/export.xlsx`, { headers: { authorization: `Bearer ${peter.token}` } });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
      const [count] = await h.dataSource.query(`SELECT count(*)::int AS n FROM ai_systems WHERE accountable_owner_id = $1 OR created_by_id = $1`, [peter.user.id]);
      expect(wb.getWorksheet('AI systems')!.actualRowCount - 1).toBe(count.n);
    });
  });

  describe('workflow starts after the commit', () => {
    let temporal: Client;
    beforeAll(async () => {
      temporal = await createTemporalClient(h.config.temporal);
    });
    afterAll(async () => temporal?.connection.close());

    /** What a commit leaves when the API stops right after it: the systems written, their workflows not started. */
    async function committedWithoutStarts(externalIds: string[]): Promise<{ importId: string; systemIds: string[] }> {
      const importId = randomUUID();
      const systemIds = externalIds.map(() => randomUUID());
      await h.dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO inventory_imports (id, file_sha256, format, row_count, created_count, updated_count, unchanged_count, imported_by_id, imported_by_label, committed_at)
           VALUES ($1, $2, 'csv', $3, $3, 0, 0, $4, $5, now())`,
          [importId, sha256(Buffer.from(importId)), externalIds.length, office.user.id, office.user.email],
        );
        for (const [i, externalId] of externalIds.entries()) {
          const r = registrationBody(`Pending ${externalId}`);
          await m.query(
            `INSERT INTO ai_systems (id, external_id, name, purpose, intended_use, accountable_owner_id, business_unit, data_sources, data_categories, personal_data,
               special_category_data, model_type, vendor_type, deployment_context, affected_stakeholders, autonomy_level, stage, stage_entered_at, created_by_id, workflow_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'design', now(), $17, $18)`,
            [systemIds[i], externalId, r.name, r.purpose, r.intendedUse, olga.user.id, r.businessUnit, JSON.stringify(r.dataSources), JSON.stringify(r.dataCategories),
              r.personalData, r.specialCategoryData, r.modelType, r.vendorType, r.deploymentContext, JSON.stringify(r.affectedStakeholders), r.autonomyLevel,
              office.user.id, `ai-system:${systemIds[i]}`],
          );
          await m.query(`INSERT INTO inventory_import_systems (import_id, ai_system_id, row_number, action) VALUES ($1, $2, $3, 'created')`, [importId, systemIds[i], i + 2]);
        }
      });
      return { importId, systemIds };
    }

    it('leaves a failed start pending and finishes it later, never starting a workflow twice', async () => {
      const { importId, systemIds } = await committedWithoutStarts(['PEND-1', 'PEND-2', 'PEND-3']);
      // The workflow service fails every start: everything stays pending, and says so.
      const down = { connection: { withDeadline: (_: number, fn: () => Promise<unknown>) => fn() }, workflow: { start: async () => { throw new Error('14 UNAVAILABLE: connection refused'); } } };
      const failing = new ImportWorkflowStarter(h.dataSource, down as unknown as Client, new SystemClock(), h.config);
      expect(await failing.startPending({ importId })).toEqual({ toStart: 3, started: 0, pending: 3 });
      const pending = await h.api('GET', `/api/v1/ai-systems/imports/${importId}`, { token: office.token });
      expect(pending.body).toMatchObject({ status: 'starting_workflows', workflows: { toStart: 3, started: 0, pending: 3, running: false } });

      // Before its workflow starts, nothing has read the registration: even the owner may still change.
      const dry = await upload(h, DRY_RUN, inventoryCsv([{ ...inventoryRow('PEND-1', peter.user.email), ...registrationStrings('Pending PEND-1'), accountableOwner: peter.user.email }]), {
        token: office.token,
      });
      expect(dry.body.rows).toEqual([expect.objectContaining({ action: 'update', changedColumns: ['accountableOwner'] })]);

      // One started by someone else meanwhile (another API process): counted as started, not started again.
      const real = new ImportWorkflowStarter(h.dataSource, temporal, new SystemClock(), h.config);
      await h.dataSource.query(`UPDATE inventory_import_systems SET workflow_started_at = NULL WHERE ai_system_id = $1`, [systemIds[0]]);
      expect(await real.startPending({ systemIds: [systemIds[0]] })).toEqual({ toStart: 1, started: 1, pending: 0 });
      await h.dataSource.query(`UPDATE inventory_import_systems SET workflow_started_at = NULL WHERE ai_system_id = $1`, [systemIds[0]]);

      // The API finishes the rest on request.
      const finished = await h.api('POST', `/api/v1/ai-systems/imports/${importId}/workflow-starts`, { token: office.token });
      expect(finished.status).toBe(200);
      expect(finished.body).toMatchObject({ status: 'completed', workflows: { toStart: 3, started: 3, pending: 0, running: false } });
      await settled();
      for (const id of systemIds) {
        const history = await h.dataSource.query(`SELECT action FROM stage_transitions WHERE ai_system_id = $1 ORDER BY seq`, [id]);
        expect(history).toEqual([{ action: 'registered' }]);
        const runs = await temporal.workflow.list({ query: `WorkflowId = 'ai-system:${id}'` });
        let count = 0;
        for await (const _ of runs) count++;
        expect(count).toBe(1);
      }
      const again = await h.api('POST', `/api/v1/ai-systems/imports/${importId}/workflow-starts`, { token: office.token });
      expect(again.body.workflows).toEqual({ toStart: 3, started: 3, pending: 0, running: false });
    });

    it('answers before every workflow has started when that takes longer than IMPORT_START_WAIT_SECONDS, and goes on', async () => {
      // An API that waits no time for starts: every import is "large".
      const app = await createApiApp({ ...h.config, inventoryImport: { ...h.config.inventoryImport, startWaitMs: 0 } }, { logger: false });
      const port = await freePort();
      await app.listen({ host: '127.0.0.1', port });
      try {
        const rows = Array.from({ length: 30 }, (_, i) => inventoryRow(`LATER-${i}`, olga.user.email));
        const response = await fetch(`http://127.0.0.1:${port}${COMMIT}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${office.token}`, 'content-type': 'text/csv' },
          body: inventoryCsv(rows),
        });
        const body = (await response.json()) as { workflows: unknown; import: { id: string } };
        expect(response.status).toBe(201);
        expect(body.workflows).toMatchObject({ toStart: 30, running: true });
        expect(body.import).toMatchObject({ status: 'starting_workflows', created: 30 });
        const done = await waitUntil(
          async () => {
            const read = await h.api('GET', `/api/v1/ai-systems/imports/${body.import.id}`, { token: office.token });
            return read.body.status === 'completed' ? read.body : null;
          },
          60_000,
          'the import’s workflows all started',
        );
        expect(done.workflows).toEqual({ toStart: 30, started: 30, pending: 0, running: false });
        // the lock went with the last start: the next import commits at once
        expect((await upload(h, COMMIT, inventoryCsv(rows), { token: office.token })).status).toBe(200);
      } finally {
        await app.close();
      }
    });

    it('finishes what an import left pending when an API process starts', async () => {
      const { importId, systemIds } = await committedWithoutStarts(['PEND-20', 'PEND-21']);
      // A second API process on the same database and Temporal: its start finishes the import in the background.
      const app = await createApiApp(h.config, { logger: false });
      try {
        await app.init();
        await waitUntil(
          async () => ((await h.api('GET', `/api/v1/ai-systems/imports/${importId}`, { token: office.token })).body.status === 'completed' ? true : null),
          60_000,
          'the import finished by the API that started',
        );
      } finally {
        await app.close();
      }
      await settled();
      for (const id of systemIds) {
        expect(await h.dataSource.query(`SELECT action FROM stage_transitions WHERE ai_system_id = $1`, [id])).toEqual([{ action: 'registered' }]);
      }
    });

    it('finishes pending starts of its systems when the same file is imported again', async () => {
      const { importId, systemIds } = await committedWithoutStarts(['PEND-9']);
      const row = { ...inventoryRow('PEND-9', olga.user.email), ...registrationStrings('Pending PEND-9') };
      const { status, body } = await upload(h, COMMIT, inventoryCsv([row]), { token: office.token });
      expect({ status, import: body.import, workflows: body.workflows }).toEqual({ status: 200, import: null, workflows: { toStart: 1, started: 1, pending: 0, running: false } });
      expect((await h.api('GET', `/api/v1/ai-systems/imports/${importId}`, { token: office.token })).body.status).toBe('completed');
      await settled();
      const detail = await h.api('GET', `/api/v1/ai-systems/${systemIds[0]}`, { token: office.token });
      expect(detail.body.stageHistory).toHaveLength(1);
    });
  });
});

/** registrationBody's values as an import file's cells. */
function registrationStrings(name: string): Record<string, string> {
  const r = registrationBody(name) as Record<string, unknown>;
  return {
    name,
    purpose: String(r.purpose),
    intendedUse: String(r.intendedUse),
    businessUnit: String(r.businessUnit),
    dataSources: (r.dataSources as string[]).join('\n'),
    dataCategories: (r.dataCategories as string[]).join('\n'),
    personalData: String(r.personalData),
    specialCategoryData: String(r.specialCategoryData),
    modelType: String(r.modelType),
    vendorType: String(r.vendorType),
    vendorName: '',
    deploymentContext: String(r.deploymentContext),
    affectedStakeholders: (r.affectedStakeholders as string[]).join('\n'),
    autonomyLevel: String(r.autonomyLevel),
  };
}
