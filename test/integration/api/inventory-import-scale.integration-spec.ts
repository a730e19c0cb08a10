import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { everyTableCount, inventoryCsv, inventoryRow, upload, XLSX_TYPE } from '../../support/inventory-files';
import { waitUntil } from '../../support/wait-until';

/**
 * The import at its default limit (IMPORT_MAX_ROWS 5,000), timed: a dry run, the commit (its
 * answer comes after the transaction: IMPORT_START_WAIT_SECONDS=0), the 5,000 workflow starts
 * after it, the worker (its own process, as in production) applying the 5,000 registrations, a
 * dry run and a commit of the same file again (all unchanged), the XLSX export of the 5,000
 * systems and a dry run of that export. Asserts only outcomes, never times (the machine may be
 * busy). In `npm test` it runs at 100 rows (the whole path, in seconds); a measuring run sets the
 * size and writes the figures, with the machine's load, to bench/results/inventory-import-<rows>-rows.json
 * (the README's figures come from that file):
 *   AIGOV_IMPORT_SCALE_ROWS=5000 npx jest --selectProjects integration --runInBand --forceExit test/integration/api/inventory-import-scale.integration-spec.ts
 */
const MEASURING = process.env.AIGOV_IMPORT_SCALE_ROWS !== undefined;
const ROWS = Number(process.env.AIGOV_IMPORT_SCALE_ROWS ?? 100);

describe('inventory import at scale', () => {
  let h: Harness;
  let office: HarnessUser;
  const owners: HarnessUser[] = [];
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    h = await startGovernanceHarness({ worker: 'process', env: { IMPORT_START_WAIT_SECONDS: '0' } });
    office = await h.createUser(['governance_office']);
    for (let i = 0; i < 20; i++) owners.push(await h.createUser(['product_owner']));
  }, 300_000);
  afterAll(async () => {
    if (MEASURING) {
      const file = path.join(__dirname, '..', '..', '..', 'bench', 'results', `inventory-import-${ROWS}-rows.json`);
      const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage1mAtEnd: os.loadavg()[0] };
      writeFileSync(file, `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, figures }, null, 2)}\n`);
    }
    await h?.stop();
  });

  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = process.hrtime.bigint();
    const result = await work();
    figures[name] = `${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(2)} s`;
    return result;
  };

  it('dry-runs, commits, re-checks and exports the maximum file', async () => {
    const rows = Array.from({ length: ROWS }, (_, i) =>
      inventoryRow(`SCALE-${String(i).padStart(5, '0')}`, owners[i % owners.length].user.email, {
        name: `Scaled system ${i}`,
        purpose: `Purpose of scaled system ${i}: ${'ranks, sorts and summarises incoming cases for the team that handles them; '.repeat(4)}`,
        intendedUse: `Internal use by the case team; a person reads every outcome before anything is decided (${i})`,
        dataSources: 'case system\ncall notes\nemail archive',
        affectedStakeholders: 'customers; case handlers',
      }),
    );
    const file = inventoryCsv(rows);
    figures.rows = ROWS;
    figures.csvBytes = file.length;

    const dry = await timed('dryRun', () => upload(h, '/api/v1/ai-systems/imports/dry-run', file, { token: office.token }));
    expect(dry.status).toBe(200);
    expect(dry.body.summary).toMatchObject({ rows: ROWS, create: ROWS, invalid: 0 });

    const commit = await timed('commit (read, decide, write, commit: the answer)', () => upload(h, '/api/v1/ai-systems/imports', file, { token: office.token }));
    expect(commit.status).toBe(201);
    expect(commit.body.workflows).toMatchObject({ toStart: ROWS, running: true });

    await timed('every workflow started (after the answer)', () =>
      waitUntil(
        async () => {
          const read = await h.api('GET', `/api/v1/ai-systems/imports/${commit.body.import.id}`, { token: office.token });
          return read.body.status === 'completed' ? read.body : null;
        },
        1_800_000,
        'every workflow started',
      ),
    );

    await timed('worker applies every registration (after the starts)', () =>
      waitUntil(
        async () => {
          const [row] = await h.dataSource.query(`SELECT count(*)::int AS n FROM ai_systems WHERE projection_seq = 0`);
          return row.n === 0 ? true : null;
        },
        1_800_000,
        'every registration applied',
      ),
    );

    const before = await everyTableCount(h);
    const again = await timed('dryRun of the same file (all unchanged)', () => upload(h, '/api/v1/ai-systems/imports/dry-run', file, { token: office.token }));
    expect(again.body.summary).toMatchObject({ unchanged: ROWS });
    const recommit = await timed('commit of the same file (nothing to write)', () => upload(h, '/api/v1/ai-systems/imports', file, { token: office.token }));
    expect(recommit.status).toBe(200);
    expect(await everyTableCount(h)).toEqual(before);

    const exported = await timed('XLSX export', async () => {
      const response = await fetch(`${h.baseUrl}/api/v1/ai-systems/export.xlsx`, { headers: { authorization: `Bearer ${office.token}` } });
      return Buffer.from(await response.arrayBuffer());
    });
    figures.xlsxBytes = exported.length;
    const roundTrip = await timed('dryRun of the XLSX export', () =>
      upload(h, '/api/v1/ai-systems/imports/dry-run', exported, { token: office.token, type: XLSX_TYPE }),
    );
    expect(roundTrip.body.summary).toMatchObject({ rows: ROWS, unchanged: ROWS });
  }, 3_600_000);
});
