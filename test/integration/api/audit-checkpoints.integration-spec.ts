import { Client, Connection } from '@temporalio/client';
import { createPublicKey, verify } from 'node:crypto';
import { auditCheckpointScheduleId } from '@aigov/workflows/audit-checkpoint.contracts';
import { Harness, HarnessUser, startGovernanceHarness } from '../../support/governance-harness';
import { testDataConverter } from '../../support/temporal-data-converter';
import { waitUntil } from '../../support/wait-until';

interface Checkpoint {
  streamId: string;
  headSeq: number;
  headHash: string;
  checkpointedAt: string;
  keyId: string;
  signature: string;
  message: string;
}

/**
 * The audit chain's tail: deleting a stream's newest events leaves a valid, shorter chain, which
 * the chain alone cannot tell apart (see audit-tamper.property.integration-spec.ts). Signed
 * checkpoints of every stream head, published on a schedule, make the cut visible.
 */
describe('signed audit checkpoints', () => {
  let h: Harness;
  let auditor: HarnessUser;
  let admin: HarnessUser;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    h = await startGovernanceHarness();
    auditor = await h.createUser(['auditor']);
    admin = await h.createUser(['admin']);
    connection = await Connection.connect({ address: h.config.temporal.address });
    client = new Client({ connection, namespace: h.config.temporal.namespace, dataConverter: testDataConverter() });
  });
  afterAll(async () => {
    await connection?.close();
    await h?.stop();
  });

  const get = async (path: string) => (await h.api('GET', path, { token: auditor.token })).body;
  const checkpointsOf = async (streamId: string): Promise<{ keys: Array<{ keyId: string; pem: string; jwk: object }>; items: Checkpoint[] }> =>
    get(`/api/v1/audit/checkpoints?streamId=${encodeURIComponent(streamId)}`);

  /** Runs the hourly schedule now and waits for its run to finish. */
  async function runSchedule(): Promise<void> {
    const handle = client.schedule.getHandle(auditCheckpointScheduleId(h.config.temporal.taskQueue));
    const before = (await handle.describe()).info.numActionsTaken;
    await handle.trigger();
    const info = await waitUntil(async () => {
      const { info } = await handle.describe();
      return info.numActionsTaken > before ? info : undefined;
    }, 20_000, 'the triggered checkpoint run');
    await client.workflow.getHandle(info.recentActions[info.recentActions.length - 1].action.workflow.workflowId).result();
  }

  async function asSuperuser(statements: Array<[string, unknown[]]>): Promise<void> {
    await h.dataSource.transaction(async (tx) => {
      for (const table of ['audit_events', 'audit_checkpoints']) await tx.query(`ALTER TABLE ${table} DISABLE TRIGGER ALL`);
      for (const [sql, params] of statements) await tx.query(sql, params);
      for (const table of ['audit_events', 'audit_checkpoints']) await tx.query(`ALTER TABLE ${table} ENABLE TRIGGER ALL`);
    });
  }

  /** A user stream with three events: created, and two changes. */
  async function streamOfThree(): Promise<string> {
    const person = await h.createUser(['auditor']);
    for (const name of ['Renamed once', 'Renamed twice']) {
      expect((await h.api('PATCH', `/api/v1/users/${person.user.id}`, { token: admin.token, body: { name } })).status).toBe(200);
    }
    return `user:${person.user.id}`;
  }

  it('publishes a checkpoint of every stream head that anyone can verify with node:crypto and the published key alone', async () => {
    const stream = await streamOfThree();
    await runSchedule();
    const { keys, items } = await checkpointsOf(stream);
    expect(items).toHaveLength(1);
    const [checkpoint] = items;
    const [head] = await h.dataSource.query('SELECT seq, hash FROM audit_events WHERE stream_id = $1 ORDER BY seq DESC LIMIT 1', [stream]);
    expect(checkpoint).toMatchObject({ streamId: stream, headSeq: 3, headHash: head.hash, keyId: keys[0].keyId });
    // Independently: only the published PEM (or JWK), the message bytes and the signature.
    const publicKey = createPublicKey(keys.find((k) => k.keyId === checkpoint.keyId)!.pem);
    expect(verify(null, Buffer.from(checkpoint.message, 'utf8'), publicKey, Buffer.from(checkpoint.signature, 'base64'))).toBe(true);
    expect(verify(null, Buffer.from(checkpoint.message, 'utf8'), createPublicKey({ key: keys[0].jwk as never, format: 'jwk' }), Buffer.from(checkpoint.signature, 'base64'))).toBe(true);
    expect(JSON.parse(checkpoint.message)).toEqual({
      format: 'aigov-audit-checkpoint/v1',
      streamId: stream,
      headSeq: 3,
      headHash: head.hash,
      checkpointedAt: checkpoint.checkpointedAt,
    });
    // a changed message does not verify
    const forged = checkpoint.message.replace('"headSeq":3', '"headSeq":2');
    expect(verify(null, Buffer.from(forged, 'utf8'), publicKey, Buffer.from(checkpoint.signature, 'base64'))).toBe(false);
    // the private key is nowhere in the answer
    expect(JSON.stringify(await checkpointsOf(stream))).not.toMatch(/PRIVATE KEY|"d":/);

    // An unmoved head is not signed again; a moved one is.
    await runSchedule();
    expect((await h.dataSource.query('SELECT count(*)::int AS n FROM audit_checkpoints WHERE stream_id = $1', [stream]))[0].n).toBe(1);
    const verification = await get('/api/v1/audit/verify');
    expect(verification).toMatchObject({ ok: true, checkpoints: { source: 'stored', failed: 0, failures: [] } });
    expect(verification.checkpoints.checked).toBeGreaterThanOrEqual(3);
  });

  it("detects deleting a stream's newest events, which the chain alone does not", async () => {
    const stream = await streamOfThree();
    await runSchedule();
    const [kept] = (await checkpointsOf(stream)).items;
    expect(kept.headSeq).toBe(3);
    const deleted = await h.dataSource.query('SELECT * FROM audit_events WHERE stream_id = $1 AND seq >= 2', [stream]);
    try {
      await asSuperuser([['DELETE FROM audit_events WHERE stream_id = $1 AND seq >= 2', [stream]]]);
      const result = await get('/api/v1/audit/verify');
      // The chain that is left is intact ...
      expect(result.firstBroken).toBeUndefined();
      // ... but shorter than its checkpoint says.
      expect(result.ok).toBe(false);
      expect(result.checkpoints.failures).toEqual([
        expect.objectContaining({
          kind: 'truncated',
          streamId: stream,
          headSeq: 3,
          currentHeadSeq: 1,
          reason: expect.stringMatching(/stream truncated: .* had 3 events, but it now ends at seq 1 \(its newest events were deleted\)/),
        }),
      ]);

      // The next scheduled run does not sign the shorter head over it.
      await runSchedule();
      expect((await checkpointsOf(stream)).items[0]).toMatchObject({ headSeq: 3, signature: kept.signature });
      expect((await get('/api/v1/audit/verify')).checkpoints.failures).toEqual([expect.objectContaining({ kind: 'truncated', streamId: stream })]);

      // With the stored checkpoints deleted too, the copy a verifier kept still shows it.
      await asSuperuser([['DELETE FROM audit_checkpoints WHERE stream_id = $1', [stream]]]);
      const query = new URLSearchParams({ ...kept, headSeq: String(kept.headSeq) } as unknown as Record<string, string>);
      query.delete('message');
      const supplied = await get(`/api/v1/audit/verify?${query}`);
      expect(supplied).toMatchObject({
        ok: false,
        checkpoints: { source: 'supplied', checked: 1, failed: 1, failures: [expect.objectContaining({ kind: 'truncated', streamId: stream, currentHeadSeq: 1 })] },
      });
    } finally {
      await asSuperuser([
        ...deleted.map((row: Record<string, unknown>) => [
          `INSERT INTO audit_events SELECT * FROM json_populate_record(NULL::audit_events, $1::json)`,
          [JSON.stringify(row)],
        ] as [string, unknown[]]),
        [
          `INSERT INTO audit_checkpoints (stream_id, head_seq, head_hash, checkpointed_at, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6)`,
          [kept.streamId, kept.headSeq, kept.headHash, kept.checkpointedAt, kept.keyId, kept.signature],
        ],
      ]);
    }
    expect(await get('/api/v1/audit/verify')).toMatchObject({ ok: true, checkpoints: { failed: 0 } });
  });

  it('reports a checkpoint whose signature fails, and one rewritten at its seq', async () => {
    const stream = await streamOfThree();
    await runSchedule();
    const [kept] = (await checkpointsOf(stream)).items;
    // A forged checkpoint claiming a shorter stream, signed with nothing valid.
    await asSuperuser([
      [
        `INSERT INTO audit_checkpoints (stream_id, head_seq, head_hash, checkpointed_at, key_id, signature) VALUES ($1, 2, $2, now(), $3, $4)`,
        [stream, kept.headHash, kept.keyId, Buffer.alloc(64, 1).toString('base64')],
      ],
    ]);
    const forged = await get('/api/v1/audit/verify');
    expect(forged.ok).toBe(false);
    expect(forged.checkpoints.failures).toEqual([
      expect.objectContaining({ kind: 'bad_signature', streamId: stream, headSeq: 2, reason: expect.stringContaining('does not verify') }),
    ]);
    // A supplied checkpoint with a wrong signature is reported as such.
    const query = new URLSearchParams({ streamId: kept.streamId, headSeq: '3', headHash: kept.headHash, checkpointedAt: kept.checkpointedAt, keyId: kept.keyId, signature: Buffer.alloc(64, 2).toString('base64') });
    expect((await get(`/api/v1/audit/verify?${query}`)).checkpoints.failures).toEqual([expect.objectContaining({ kind: 'bad_signature' })]);
    // A partial one is a 400 naming what is missing.
    const partial = await h.api('GET', `/api/v1/audit/verify?streamId=${encodeURIComponent(stream)}&headSeq=3`, { token: auditor.token });
    expect([partial.status, partial.body.field]).toEqual([400, 'headHash']);
    await asSuperuser([['DELETE FROM audit_checkpoints WHERE stream_id = $1 AND head_seq = 2', [stream]]]);
    expect(await get('/api/v1/audit/verify')).toMatchObject({ ok: true });

    // Cut back and written again: the chain is whole and as long as before, but not the one signed.
    const userId = stream.slice('user:'.length);
    const deleted = await h.dataSource.query('SELECT * FROM audit_events WHERE stream_id = $1 AND seq >= 2 ORDER BY seq', [stream]);
    await asSuperuser([['DELETE FROM audit_events WHERE stream_id = $1 AND seq >= 2', [stream]]]);
    for (const name of ['Other history', 'Written again']) {
      expect((await h.api('PATCH', `/api/v1/users/${userId}`, { token: admin.token, body: { name } })).status).toBe(200);
    }
    const rewritten = await get('/api/v1/audit/verify');
    expect(rewritten.firstBroken).toBeUndefined();
    expect(rewritten.ok).toBe(false);
    expect(rewritten.checkpoints.failures).toEqual([
      expect.objectContaining({ kind: 'rewritten', streamId: stream, headSeq: 3, currentHeadSeq: 3, reason: expect.stringContaining(`not ${kept.headHash} as checkpointed`) }),
    ]);
    // put the signed history back, for the suites after this one
    await asSuperuser([
      ['DELETE FROM audit_events WHERE stream_id = $1 AND seq >= 2', [stream]],
      ...deleted.map((row: Record<string, unknown>) => [`INSERT INTO audit_events SELECT * FROM json_populate_record(NULL::audit_events, $1::json)`, [JSON.stringify(row)]] as [string, unknown[]]),
    ]);
    expect(await get('/api/v1/audit/verify')).toMatchObject({ ok: true });
  });

  it('is for those who verify the trail', async () => {
    const owner = await h.createUser(['product_owner']);
    expect((await h.api('GET', '/api/v1/audit/checkpoints', { token: owner.token })).status).toBe(403);
    expect((await h.api('GET', '/api/v1/audit/checkpoints')).status).toBe(401);
  });
});
