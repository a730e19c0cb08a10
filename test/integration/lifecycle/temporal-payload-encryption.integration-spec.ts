import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { ENCRYPTED_ENCODING } from '@aigov/temporal/payload-encryption.codec';
import { resolveTemporalCli } from '@aigov/scripts/temporal-cli';
import { answersFor } from '../../support/assessment-answers';
import { testDataConverter } from '../../support/temporal-data-converter';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { openTaskOf } from '../../support/governance-flows';

type JsonPayload = { metadata: Record<string, string>; data: string };
const UI_ORIGIN = 'http://localhost:8233';

/** Every Payload anywhere in a history event tree: objects carrying `data` bytes (and metadata). */
function payloadsIn(node: unknown, found: temporal.api.common.v1.IPayload[] = []): temporal.api.common.v1.IPayload[] {
  if (!node || typeof node !== 'object' || node instanceof Uint8Array) return found;
  const candidate = node as { metadata?: unknown; data?: unknown };
  if (candidate.metadata && typeof candidate.metadata === 'object' && candidate.data instanceof Uint8Array) {
    found.push(candidate as temporal.api.common.v1.IPayload);
    return found;
  }
  for (const value of Object.values(node)) payloadsIn(value, found);
  return found;
}

const asJson = (p: temporal.api.common.v1.IPayload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

/**
 * What Temporal sees: a system driven through registration, assessment, approval and deployment
 * by the API leaves a history whose bytes hold none of its name, its owner's email, the
 * approvers' comments or the assessment's free text, while the API shows them all; the codec
 * endpoint gives them back to an auditor (bearer token, or the session cookie from the Temporal
 * UI's origin without a CSRF header) and refuses a product owner.
 */
describe('Temporal payload encryption', () => {
  let h: Harness;
  let connection: Connection;
  let rawClient: Client;

  beforeAll(async () => {
    expect(process.env.TEMPORAL_PAYLOAD_KEYS).toBeTruthy(); // the global setup's run key
    h = await startGovernanceHarness();
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    // No data converter: the history exactly as Temporal stores and serves it.
    rawClient = new Client({ connection });
  });
  afterAll(async () => {
    await connection?.close();
    await h?.stop();
  });

  const mark = randomBytes(4).toString('hex');
  const systemName = `Zephyr Loan Scorer ${mark}`;
  const ownerEmail = `ottilie.${mark}@payload-secret.example`;
  const approvalComment = `approved after the bias review ${mark}`;
  const mitigation = `human review of every rejection ${mark}`;
  const secrets = [systemName, ownerEmail, approvalComment, mitigation];

  let owner: HarnessUser;
  let auditor: HarnessUser;
  let systemId: string;
  let historyPayloads: JsonPayload[];

  it('keeps names, emails, comments and answers out of every byte of the workflow histories', async () => {
    owner = await h.createUser(['product_owner'], { name: `Ottilie ${mark}`, email: ownerEmail });
    const governance = await h.createUser(['governance_office']);
    const risk = await h.createUser(['risk_officer']);
    auditor = await h.createUser(['auditor']);
    const as = (u: HarnessUser) => ({ token: u.token });

    const created = await h.api('POST', '/api/v1/ai-systems', {
      ...as(owner),
      body: {
        name: systemName,
        purpose: 'Score consumer loan applications',
        intendedUse: 'Pre-screening before a credit officer decides',
        businessUnit: 'Lending',
        dataSources: ['applications'],
        dataCategories: ['financial data'],
        personalData: true,
        specialCategoryData: false,
        modelType: 'gradient boosted trees',
        vendorType: 'in_house',
        deploymentContext: 'internal tool',
        affectedStakeholders: ['applicants'],
        autonomyLevel: 'human_in_the_loop',
        accountableOwnerId: owner.user.id,
      },
    });
    expect(created.status).toBe(201);
    systemId = created.body.id;
    const path = `/api/v1/ai-systems/${systemId}`;
    expect((await h.api('POST', `${path}/submit`, as(owner))).status).toBe(201);
    const assessed = await h.api('POST', `${path}/impact-assessments`, { ...as(owner), body: { answers: { ...answersFor('limited'), mitigations: mitigation } } });
    expect(assessed.status).toBe(201);
    for (const approver of [governance, risk]) {
      const task = await openTaskOf(h, systemId, approver);
      const decided = await h.api('POST', `/api/v1/tasks/${task.id}/decision`, { ...as(approver), body: { decision: 'approve', comment: approvalComment } });
      expect(decided.status).toBe(200);
    }
    const deployed = await h.api('POST', `${path}/deployments`, { ...as(owner), body: { version: '1.0.0', environment: 'production', configuration: { threshold: 0.7 } } });
    expect(deployed.body).toMatchObject({ stage: 'operation' });

    // The API shows everything to those allowed.
    const shown = await h.api('GET', path, as(auditor));
    expect(shown.body.name).toBe(systemName);
    expect((await h.api('GET', `/api/v1/users/${owner.user.id}`, as(auditor))).body.email).toBe(ownerEmail);
    expect(JSON.stringify((await h.api('GET', `${path}/approvals`, as(auditor))).body)).toContain(approvalComment);
    expect(JSON.stringify((await h.api('GET', `${path}/impact-assessments`, as(auditor))).body)).toContain(mitigation);

    // Temporal's histories: the lifecycle and its approval round, fetched raw.
    const histories = await Promise.all([`ai-system:${systemId}`, `approval:${systemId}:1`].map((id) => rawClient.workflow.getHandle(id).fetchHistory()));
    historyPayloads = [];
    for (const history of histories) {
      expect(history.events!.length).toBeGreaterThan(10);
      const bytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
      for (const text of [bytes.toString('utf8'), bytes.toString('latin1')]) {
        for (const secret of secrets) expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
      }
      // Inputs, results, Update arguments and activity results are ciphertext. What the SDK's core
      // writes itself (patch markers) and the request-id header are not: they hold no person's data.
      const payloads = payloadsIn(history.events);
      const encrypted = payloads.filter((p) => Buffer.from(p.metadata?.encoding ?? []).toString() === ENCRYPTED_ENCODING);
      expect(encrypted.length).toBeGreaterThan(5);
      historyPayloads.push(...payloads.map(asJson));
    }
  });

  it('decodes the history through the codec endpoint for an auditor, giving every value back', async () => {
    const decoded = await h.api('POST', '/api/v1/temporal-codec/decode', { token: auditor.token, body: { payloads: historyPayloads } });
    expect(decoded.status).toBe(200);
    expect(decoded.body.payloads).toHaveLength(historyPayloads.length);
    const plain = (decoded.body.payloads as JsonPayload[]).map((p) => Buffer.from(p.data, 'base64').toString('utf8')).join('\n');
    for (const secret of secrets) expect({ secret, found: plain.includes(secret) }).toEqual({ secret, found: true });
    const encodings = (decoded.body.payloads as JsonPayload[]).map((p) => Buffer.from(p.metadata.encoding ?? '', 'base64').toString());
    expect(encodings).not.toContain(ENCRYPTED_ENCODING);
  });

  it('refuses the codec to a product owner (even the owner of the system) and to anyone not signed in', async () => {
    for (const route of ['decode', 'encode']) {
      const refused = await h.api('POST', `/api/v1/temporal-codec/${route}`, { token: owner.token, body: { payloads: historyPayloads.slice(0, 2) } });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ statusCode: 403, error: 'Forbidden', message: expect.stringContaining('auditor') });
      expect(JSON.stringify(refused.body)).not.toContain(systemName);
      expect((await h.api('POST', `/api/v1/temporal-codec/${route}`, { body: { payloads: [] } })).status).toBe(401);
    }
  });

  it('encodes for the Temporal UI with the current key, and refuses what it cannot decode, naming the key id', async () => {
    const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from(JSON.stringify({ note: mark })).toString('base64') };
    const encoded = await h.api('POST', '/api/v1/temporal-codec/encode', { token: auditor.token, body: { payloads: [plain] } });
    expect(encoded.status).toBe(200);
    const [cipher] = encoded.body.payloads as JsonPayload[];
    const keyId = process.env.TEMPORAL_PAYLOAD_KEYS!.split(':')[0];
    expect(Buffer.from(cipher.metadata['encryption-key-id'], 'base64').toString()).toBe(keyId);
    expect(Buffer.from(cipher.data, 'base64').toString('latin1')).not.toContain(mark);
    const back = await h.api('POST', '/api/v1/temporal-codec/decode', { token: auditor.token, body: { payloads: [cipher, plain] } });
    expect(back.body.payloads).toEqual([plain, plain]); // the plain one passes through

    const foreign = { ...cipher, metadata: { ...cipher.metadata, 'encryption-key-id': Buffer.from('retired-key-7').toString('base64') } };
    const unknown = await h.api('POST', '/api/v1/temporal-codec/decode', { token: auditor.token, body: { payloads: [plain, foreign] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ field: 'payloads[1]', message: expect.stringContaining("key id 'retired-key-7'") });
    expect(unknown.body.message).not.toContain(process.env.TEMPORAL_PAYLOAD_KEYS!.split(':')[1]);

    const bytes = Buffer.from(cipher.data, 'base64');
    bytes[bytes.length - 1] ^= 1;
    const tampered = await h.api('POST', '/api/v1/temporal-codec/decode', { token: auditor.token, body: { payloads: [{ ...cipher, data: bytes.toString('base64') }] } });
    expect(tampered).toMatchObject({ status: 400, body: { field: 'payloads[0]', message: expect.stringContaining('failed authentication') } });
  });

  it("speaks Temporal's own codec protocol: the temporal CLI shows a history decrypted through it, with an auditor's token", async () => {
    // A short history of its own (started through the product's converter, no worker polls its
    // queue): the CLI decodes event by event over HTTP, and a long history under a loaded machine
    // can outlast the CLI's 10-second call deadline (README notes).
    const workflowId = `codec-cli-${mark}`;
    const client = new Client({ connection, dataConverter: testDataConverter() });
    const handle = await client.workflow.start('aiSystemLifecycle', { taskQueue: `no-worker-${mark}`, workflowId, args: [{ note: systemName, owner: ownerEmail }] });
    try {
      const cli = await resolveTemporalCli();
      const show = (...extra: string[]) =>
        promisify(execFile)(cli, ['workflow', 'show', '-w', workflowId, '--address', process.env.TEMPORAL_ADDRESS!, '-o', 'json', ...extra], { maxBuffer: 16 * 1024 * 1024 });
      const codec = ['--codec-endpoint', `${h.baseUrl}/api/v1/temporal-codec`];
      // JSON output keeps payload bytes in base64: the start event's input, as the CLI shows it
      const input = (stdout: string) => {
        const [payload] = JSON.parse(stdout).events[0].workflowExecutionStartedEventAttributes.input.payloads as JsonPayload[];
        return { encoding: Buffer.from(payload.metadata.encoding, 'base64').toString(), data: Buffer.from(payload.data, 'base64').toString('latin1') };
      };
      const stored = input((await show()).stdout);
      expect(stored.encoding).toBe(ENCRYPTED_ENCODING);
      expect(stored.data).not.toContain(systemName);
      const decoded = input((await show(...codec, '--codec-auth', `Bearer ${auditor.token}`)).stdout);
      expect(decoded.encoding).toBe('json/plain');
      expect(JSON.parse(decoded.data)).toEqual({ note: systemName, owner: ownerEmail });
      // the owner's own token does not open it: the CLI fails, or shows the ciphertext
      const refused = await show(...codec, '--codec-auth', `Bearer ${owner.token}`).then(
        (r) => input(r.stdout).data,
        (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}`,
      );
      expect(refused).not.toContain(systemName);
    } finally {
      await handle.terminate('test done');
    }
  });

  it("answers the Temporal UI's browser calls: CORS for its origin only, the session cookie without a CSRF header", async () => {
    const preflight = await fetch(`${h.baseUrl}/api/v1/temporal-codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: UI_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-namespace');
    const stranger = await fetch(`${h.baseUrl}/api/v1/temporal-codec/decode`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();

    // A signed-in auditor's browser: the emailed link gives the session cookie.
    const asked = await h.api('POST', '/api/v1/auth/sign-in-links', { body: { email: auditor.user.email } });
    expect(asked.status).toBe(202);
    const mail = await h.mail.waitFor((m) => m.to.includes(auditor.user.email.toLowerCase()) && /\/auth\/sign-in\//.test(m.text), 15_000);
    const link = mail.text.match(/https?:\/\/\S+\/auth\/sign-in\/\S+/)![0];
    const confirmed = await fetch(link, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: '' });
    const cookie = /aigov_session=([^;]+)/.exec(confirmed.headers.getSetCookie().join('\n'))![1];

    const fromUi = { cookie: `aigov_session=${cookie}`, origin: UI_ORIGIN, 'x-namespace': 'default' };
    const decoded = await h.api('POST', '/api/v1/temporal-codec/decode', { headers: fromUi, body: { payloads: historyPayloads.slice(0, 3) } });
    expect(decoded.status).toBe(200);
    expect(decoded.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    // other writes from the browser still need the CSRF header: the exemption is the codec's alone
    const write = await h.api('POST', '/api/v1/ai-systems', { headers: fromUi, body: {} });
    expect(write.status).toBe(403);
    expect(write.body.field).toBe('X-CSRF-Token');
  });
});
