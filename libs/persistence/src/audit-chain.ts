import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

/** prev_hash of the first event of every stream */
export const GENESIS_HASH = '0'.repeat(64);

const DEFAULT_VERIFY_BATCH_SIZE = 5_000;

/** First key of the two-key advisory lock, so stream locks cannot collide with other one-key locks. */
const STREAM_LOCK_NAMESPACE = 0x61756474; // 'audt'

export interface AuditEventInput {
  streamId: string;
  seq: number;
  eventType: string;
  actorId?: string | null;
  actorLabel?: string | null;
  aiSystemId?: string | null;
  payload: unknown;
  occurredAt: Date;
}

/** What the hash covers: every column that carries meaning, nothing the database assigns. */
export interface AuditHashInput {
  streamId: string;
  seq: number;
  eventType: string;
  actorId?: string | null;
  actorLabel?: string | null;
  aiSystemId?: string | null;
  payload: unknown;
  occurredAt: Date | string;
}

export interface AuditChainBreak {
  streamId: string;
  seq: number;
  id: string;
  reason: string;
}

export interface AuditChainVerification {
  ok: boolean;
  /** streams and events examined; verification stops at the first break */
  streams: number;
  events: number;
  firstBroken?: AuditChainBreak;
}

export class AuditChainError extends Error {
  override readonly name = 'AuditChainError';
}

/**
 * JSON with object keys sorted by UTF-16 code units and no whitespace (the RFC 8785 ordering),
 * so the same value always hashes the same, whatever order its keys were built or stored in.
 * Values JSON cannot hold are treated as JSON.stringify treats them, which is also what jsonb
 * will hand back: undefined members are dropped, non-finite numbers become null.
 */
export function canonicalJson(value: unknown): string {
  const out = serialize(value, new Set());
  return out === undefined ? 'null' : out;
}

function serialize(value: unknown, ancestors: Set<object>): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: BigInt has no JSON form; pass it as a string');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  const object = value as object;
  if (ancestors.has(object)) throw new TypeError('canonicalJson: circular structure');
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      return `[${object.map((item) => serialize(item, ancestors) ?? 'null').join(',')}]`;
    }
    const members: string[] = [];
    for (const key of Object.keys(object).sort()) {
      const member = serialize((object as Record<string, unknown>)[key], ancestors);
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(object);
  }
}

function hashedContent(event: AuditHashInput): string {
  return canonicalJson({
    streamId: event.streamId,
    seq: event.seq,
    eventType: event.eventType,
    actorId: event.actorId ?? null,
    actorLabel: event.actorLabel ?? null,
    aiSystemId: event.aiSystemId ?? null,
    payload: event.payload ?? null,
    occurredAt: new Date(event.occurredAt).toISOString(),
  });
}

export function computeAuditHash(prevHash: string, event: AuditHashInput): string {
  return createHash('sha256').update(prevHash).update(hashedContent(event)).digest('hex');
}

/**
 * The hashed content of an event whose seq the database picks, split around the seq:
 * `before + seq + after` is exactly hashedContent(event). Canonical key order puts "seq" after
 * "payload" and before "streamId", the last key, so the split is taken off the end, where the
 * payload cannot reach.
 */
export function hashedContentAroundSeq(event: Omit<AuditHashInput, 'seq'>): { before: string; after: string } {
  const content = hashedContent({ ...event, seq: 0 });
  const after = `,"streamId":${JSON.stringify(event.streamId)}}`;
  const tail = `,"seq":0${after}`;
  if (!content.endsWith(tail)) throw new AuditChainError('audit content does not end with its seq and streamId');
  return { before: `${content.slice(0, content.length - tail.length)},"seq":`, after };
}

interface AuditRow {
  id: string;
  stream_id: string;
  seq: number;
  ai_system_id: string | null;
  event_type: string;
  actor_id: string | null;
  actor_label: string | null;
  payload: unknown;
  occurred_at: Date;
  prev_hash: string;
  hash: string;
}

const AUDIT_COLUMNS = 'id, stream_id, seq, ai_system_id, event_type, actor_id, actor_label, payload, occurred_at, prev_hash, hash';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PostgreSQL prints uuids lower-case; hashing any other spelling would break verification later. */
function uuidOrNull(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (!UUID.test(value)) throw new AuditChainError(`audit ${field} must be a uuid, got '${value}'`);
  return value.toLowerCase();
}

type NormalisedEvent = { [K in keyof AuditHashInput]-?: Exclude<AuditHashInput[K], undefined> } & { occurredAt: Date };

function normalise(e: AuditEventInput): NormalisedEvent {
  if (!e.streamId || !e.eventType) throw new AuditChainError('audit streamId and eventType are required');
  if (!Number.isInteger(e.seq) || e.seq < 1) throw new AuditChainError(`audit seq must be an integer >= 1, got ${e.seq}`);
  if (!(e.occurredAt instanceof Date) || Number.isNaN(e.occurredAt.getTime())) {
    throw new AuditChainError('audit occurredAt must be a valid Date');
  }
  return {
    streamId: e.streamId,
    seq: e.seq,
    eventType: e.eventType,
    actorId: uuidOrNull(e.actorId, 'actorId'),
    actorLabel: e.actorLabel ?? null,
    aiSystemId: uuidOrNull(e.aiSystemId, 'aiSystemId'),
    payload: e.payload ?? null,
    occurredAt: e.occurredAt,
  };
}

/**
 * The hash the database computes, byte for byte what computeAuditHash does: sha256 over the
 * previous hash's characters (hex, ASCII) followed by the UTF-8 of the hashed content. The
 * content goes in as bytes (bytea), so the server's encoding cannot alter what is hashed.
 */
const SQL_HASH = (prevHash: string, content: string) => `encode(sha256(convert_to(${prevHash}, 'UTF8') || ${content}), 'hex')`;

const sha256Hex = (prevHash: string, content: string) => createHash('sha256').update(prevHash).update(content).digest('hex');

const INSERT_COLUMNS = 'INSERT INTO audit_events (stream_id, seq, ai_system_id, event_type, actor_id, actor_label, payload, occurred_at, prev_hash, hash)';

/** The row's values but its seq: $1 and $3..$8 of the statements below ($2 is the seq). */
function eventParams(event: NormalisedEvent): unknown[] {
  return [event.streamId, event.aiSystemId, event.eventType, event.actorId, event.actorLabel, JSON.stringify(event.payload), event.occurredAt];
}

/** The first event of a stream links to the genesis hash; this process hashes it. */
const INSERT_FIRST = `${INSERT_COLUMNS}
  VALUES ($1::text, $2::int, $3::uuid, $4::text, $5::uuid, $6::text, $7::jsonb, $8::timestamptz, '${GENESIS_HASH}', $9::text)
  ON CONFLICT (stream_id, seq) DO NOTHING
  RETURNING prev_hash, hash`;

/**
 * Any later event: the previous hash is read, the new one computed and the row inserted in one
 * statement, where a lookup and an insert used to take two round trips (the append cost 1.5-1.7x
 * a plain INSERT). A plain INSERT ... SELECT: a CTE form measured about 0.2 ms slower an append.
 * No row comes back when seq - 1 is missing or (stream_id, seq) is taken. Writers that chose
 * the same seq meet at the unique constraint, so the stream cannot fork.
 */
const INSERT_AFTER_PREVIOUS = `${INSERT_COLUMNS}
  SELECT $1::text, $2::int, $3::uuid, $4::text, $5::uuid, $6::text, $7::jsonb, $8::timestamptz, prev.hash, ${SQL_HASH('prev.hash', '$9::bytea')}
    FROM audit_events prev
   WHERE prev.stream_id = $1::text AND prev.seq = $2::int - 1
  ON CONFLICT (stream_id, seq) DO NOTHING
  RETURNING prev_hash, hash`;

/**
 * After the stream's lock: the newest event is read and the next inserted after it, its hash
 * computed from the content split around the seq (parameters as above without the seq, then the
 * content before and after it).
 */
const INSERT_NEXT = `${INSERT_COLUMNS}
  SELECT $1::text, coalesce(last.seq, 0) + 1, $2::uuid, $3::text, $4::uuid, $5::text, $6::jsonb, $7::timestamptz,
         coalesce(last.hash, '${GENESIS_HASH}'),
         ${SQL_HASH(`coalesce(last.hash, '${GENESIS_HASH}')`, "$8::bytea || convert_to((coalesce(last.seq, 0) + 1)::text, 'UTF8') || $9::bytea")}
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (SELECT seq, hash FROM audit_events WHERE stream_id = $1::text ORDER BY seq DESC LIMIT 1) AS last ON true
  ON CONFLICT (stream_id, seq) DO NOTHING
  RETURNING seq, prev_hash, hash`;

/** The part of node-postgres' client a prepared statement needs. */
interface DriverClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs one of the statements above prepared once per connection: node-postgres names it, and
 * later runs on that connection skip parsing and planning, which cost about as much as running
 * the INSERT ... SELECT (appends in their own transactions, interleaved with plain INSERTs under
 * load: unprepared 1.21-1.37x a plain INSERT, prepared 1.03-1.08x). TypeORM has no prepared
 * statements, so the driver connection of the caller's query runner is used; a manager without
 * one (outside a transaction) runs the statement unprepared.
 */
async function queryPrepared<T>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner;
  if (runner && !runner.isReleased && runner.connection.driver.options.type === 'postgres') {
    const client = (await runner.connect()) as DriverClient;
    return (await client.query({ name, text, values })).rows as T[];
  }
  return manager.query(text, values);
}

/**
 * The database hashed what this process would have hashed; anything else (a server that
 * changed the bytes) would only show at verification, so it is refused while the caller's
 * transaction can still roll back.
 */
function checkStoredHash(event: NormalisedEvent, stored: { prev_hash: string; hash: string }, content: string): void {
  const expected = sha256Hex(stored.prev_hash, content);
  if (stored.hash !== expected) {
    throw new AuditChainError(`audit stream ${event.streamId} seq ${event.seq}: the database computed hash ${stored.hash}, expected ${expected}`);
  }
}

/** Same event apart from when it was recorded: what an activity retried after a lost reply looks like. */
function sameEventIgnoringTime(stored: AuditRow, event: NormalisedEvent): boolean {
  return (
    stored.event_type === event.eventType &&
    stored.actor_id === event.actorId &&
    stored.actor_label === event.actorLabel &&
    stored.ai_system_id === event.aiSystemId &&
    canonicalJson(stored.payload) === canonicalJson(event.payload)
  );
}

/**
 * Appends the event at the seq the writer chose (the workflow numbers its own audit entries).
 * Safe to repeat: the same event at the same seq is reported as 'duplicate'. A retry may carry a
 * later occurredAt; the row already written wins. A different event claiming a taken seq means
 * two writers disagree about history, and that is an error, never silently dropped.
 */
export async function appendAuditEvent(manager: EntityManager, e: AuditEventInput): Promise<'inserted' | 'duplicate'> {
  const event = normalise(e);
  const content = hashedContent(event);
  const [stream, ...columns] = eventParams(event);
  const first = event.seq === 1;
  const [row] = await queryPrepared<{ prev_hash: string; hash: string }>(
    manager,
    first ? 'aigov_audit_insert_first' : 'aigov_audit_insert_after_previous',
    first ? INSERT_FIRST : INSERT_AFTER_PREVIOUS,
    [stream, event.seq, ...columns, first ? sha256Hex(GENESIS_HASH, content) : Buffer.from(content, 'utf8')],
  );
  if (row) {
    checkStoredHash(event, row, content);
    return 'inserted';
  }

  // Nothing inserted: the previous event is missing, or this seq is taken (a retry, or a writer
  // that disagrees). Rare, so two more reads are fine here.
  let prevHash = GENESIS_HASH;
  if (!first) {
    const [prev]: Array<{ hash: string }> = await manager.query('SELECT hash FROM audit_events WHERE stream_id = $1 AND seq = $2', [
      event.streamId,
      event.seq - 1,
    ]);
    if (!prev) {
      throw new AuditChainError(`audit stream ${event.streamId} has no seq ${event.seq - 1}; cannot append seq ${event.seq}`);
    }
    prevHash = prev.hash;
  }
  const [stored]: AuditRow[] = await manager.query(`SELECT ${AUDIT_COLUMNS} FROM audit_events WHERE stream_id = $1 AND seq = $2`, [
    event.streamId,
    event.seq,
  ]);
  if (!stored) throw new AuditChainError(`audit stream ${event.streamId} seq ${event.seq}: conflict but no row found`);
  if (stored.hash === sha256Hex(prevHash, content) || sameEventIgnoringTime(stored, event)) return 'duplicate';
  throw new AuditChainError(
    `audit stream ${event.streamId} seq ${event.seq} already holds a different event (${stored.event_type}); refusing ${event.eventType}`,
  );
}

/** Events per statement of appendAuditEvents: a few hundred kilobytes of JSON. */
const BATCH_APPEND_CHUNK = 1_000;

/**
 * Appends many events at the seqs their writer chose, each chained to the previous event of its
 * stream, in one INSERT per thousand events instead of one per event (an inventory import writes
 * an event for each of thousands of systems). The database links each to its stream's previous
 * hash and computes the new one from the content this process sends as bytes; every hash is
 * then checked here, as appendAuditEvent checks one. Several events of one stream in one call
 * must not chain to each other (each needs its previous event stored before the statement).
 * All or nothing: an event whose seq is taken or whose previous event is missing throws, so the
 * caller's transaction rolls back. Meant for seqs the writer owns alone (a stream only it writes,
 * under its own lock); concurrent writers use appendAuditEvent or appendNextAuditEvent.
 */
export async function appendAuditEvents(manager: EntityManager, events: AuditEventInput[]): Promise<void> {
  const streams = new Set<string>();
  const prepared = events.map((e) => {
    const event = normalise(e);
    if (streams.has(event.streamId)) throw new AuditChainError(`appendAuditEvents: stream ${event.streamId} is given twice in one call`);
    streams.add(event.streamId);
    return { event, content: hashedContent(event) };
  });
  for (let from = 0; from < prepared.length; from += BATCH_APPEND_CHUNK) {
    const chunk = prepared.slice(from, from + BATCH_APPEND_CHUNK);
    const rows = chunk.map(({ event, content }) => ({
      stream_id: event.streamId,
      seq: event.seq,
      ai_system_id: event.aiSystemId,
      event_type: event.eventType,
      actor_id: event.actorId,
      actor_label: event.actorLabel,
      payload: event.payload,
      occurred_at: event.occurredAt.toISOString(),
      content: Buffer.from(content, 'utf8').toString('base64'),
    }));
    const stored: Array<{ stream_id: string; seq: number; prev_hash: string; hash: string }> = await manager.query(
      `${INSERT_COLUMNS}
       SELECT r.stream_id, r.seq, r.ai_system_id, r.event_type, r.actor_id, r.actor_label, r.payload, r.occurred_at,
              coalesce(prev.hash, '${GENESIS_HASH}'), ${SQL_HASH(`coalesce(prev.hash, '${GENESIS_HASH}')`, "decode(r.content, 'base64')")}
         FROM jsonb_to_recordset($1::jsonb) AS r(stream_id text, seq int, ai_system_id uuid, event_type text, actor_id uuid, actor_label text,
                                                  payload jsonb, occurred_at timestamptz, content text)
         LEFT JOIN audit_events prev ON prev.stream_id = r.stream_id AND prev.seq = r.seq - 1
        WHERE r.seq = 1 OR prev.hash IS NOT NULL
       ON CONFLICT (stream_id, seq) DO NOTHING
       RETURNING stream_id, seq, prev_hash, hash`,
      [JSON.stringify(rows)],
    );
    const byKey = new Map(stored.map((row) => [`${row.stream_id}\n${row.seq}`, row]));
    for (const { event, content } of chunk) {
      const row = byKey.get(`${event.streamId}\n${event.seq}`);
      if (!row) throw new AuditChainError(`audit stream ${event.streamId} seq ${event.seq}: taken, or seq ${event.seq - 1} missing; nothing appended`);
      checkStoredHash(event, row, content);
    }
  }
}

/**
 * Appends at the end of a stream that has no writer-managed numbering (user events, for example).
 * The stream is locked for the rest of the caller's transaction, so concurrent appenders queue
 * instead of racing for the same seq; without a transaction one is opened here. The lock is a
 * statement of its own: a statement sees the rows committed before it began, so the read of the
 * newest event must come after the lock is granted, not in the statement that waits for it.
 */
export async function appendNextAuditEvent(
  manager: EntityManager,
  e: Omit<AuditEventInput, 'seq'>,
): Promise<{ seq: number; hash: string }> {
  if (!manager.queryRunner?.isTransactionActive) {
    return manager.transaction((tx) => appendNextAuditEvent(tx, e));
  }
  // validated (and its ids normalised) before anything is locked or written; the seq is the database's
  const event = normalise({ ...e, seq: 1 });
  await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [STREAM_LOCK_NAMESPACE, event.streamId]);
  const { before, after } = hashedContentAroundSeq(event);
  const [stream, ...columns] = eventParams(event);
  const [row] = await queryPrepared<{ seq: number; prev_hash: string; hash: string }>(manager, 'aigov_audit_insert_next', INSERT_NEXT, [
    stream,
    ...columns,
    Buffer.from(before, 'utf8'),
    Buffer.from(after, 'utf8'),
  ]);
  if (!row) {
    throw new AuditChainError(`audit stream ${event.streamId}: the next seq was taken by a writer that did not lock the stream`);
  }
  checkStoredHash({ ...event, seq: row.seq }, row, `${before}${row.seq}${after}`);
  return { seq: row.seq, hash: row.hash };
}

interface StreamCursor {
  streamId: string;
  seq: number;
  id: bigint;
  hash: string;
}

function checkRow(row: AuditRow, previous: StreamCursor | null): string | null {
  const expectedSeq = previous ? previous.seq + 1 : 1;
  if (row.seq !== expectedSeq) {
    return previous
      ? `sequence gap: seq ${expectedSeq} expected after ${previous.seq}, found ${row.seq} (rows deleted or renumbered)`
      : `stream starts at seq ${row.seq}, not 1 (rows deleted or renumbered)`;
  }
  const expectedPrev = previous ? previous.hash : GENESIS_HASH;
  if (row.prev_hash !== expectedPrev) {
    return previous
      ? `prev_hash does not match the hash of seq ${previous.seq} (chain broken or rows reordered)`
      : 'prev_hash of the first event is not the genesis hash';
  }
  const recomputed = computeAuditHash(row.prev_hash, {
    streamId: row.stream_id,
    seq: row.seq,
    eventType: row.event_type,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    aiSystemId: row.ai_system_id,
    payload: row.payload,
    occurredAt: row.occurred_at,
  });
  if (recomputed !== row.hash) return 'hash mismatch: the event was altered after it was written';
  // Appends are serialised per stream, so ids grow with seq. A row deleted and written again
  // with identical content keeps a valid chain but gets a new, higher id, which shows up here,
  // on the row after it.
  if (previous && BigInt(row.id) <= previous.id) {
    return `id ${row.id} is lower than the id of seq ${previous.seq} (${previous.id}): seq ${previous.seq} was re-inserted or rows were reordered`;
  }
  return null;
}

async function walkChain(
  manager: EntityManager,
  streamId: string | undefined,
  batchSize: number,
): Promise<AuditChainVerification> {
  let streams = 0;
  let events = 0;
  let cursor: StreamCursor | null = null;
  for (;;) {
    // Keyset pagination over the (stream_id, seq) unique index: each batch is an index range
    // scan, so memory and per-batch cost stay flat however long the trail grows.
    const params: unknown[] = [batchSize];
    const where: string[] = [];
    if (streamId !== undefined) {
      params.push(streamId);
      where.push(`stream_id = $${params.length}`);
    }
    if (cursor) {
      params.push(cursor.streamId, cursor.seq);
      where.push(`(stream_id, seq) > ($${params.length - 1}, $${params.length})`);
    }
    const rows: AuditRow[] = await manager.query(
      `SELECT ${AUDIT_COLUMNS} FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY stream_id, seq LIMIT $1`,
      params,
    );
    for (const row of rows) {
      const previous: StreamCursor | null = cursor && cursor.streamId === row.stream_id ? cursor : null;
      if (!previous) streams += 1;
      events += 1;
      const reason = checkRow(row, previous);
      if (reason) {
        return { ok: false, streams, events, firstBroken: { streamId: row.stream_id, seq: row.seq, id: String(row.id), reason } };
      }
      cursor = { streamId: row.stream_id, seq: row.seq, id: BigInt(row.id), hash: row.hash };
    }
    if (rows.length < batchSize) return { ok: true, streams, events };
  }
}

/**
 * Re-derives every hash and link, stream by stream in (stream_id, seq) order, and names the
 * first event that does not fit: an edited row (hash mismatch), a deleted one (seq gap), a
 * moved or re-inserted one (broken link or id out of order). Given a DataSource it reads from
 * one repeatable-read snapshot, so appends during a long walk cannot look like damage. Removal
 * of a stream's newest events cannot be seen from the chain alone: the signed checkpoints of
 * the stream heads (audit-checkpoint.ts, checked by GET /audit/verify) show that.
 */
export async function verifyAuditChain(
  source: DataSource | EntityManager,
  opts: { streamId?: string; batchSize?: number } = {},
): Promise<AuditChainVerification> {
  const batchSize = opts.batchSize ?? DEFAULT_VERIFY_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new AuditChainError(`batchSize must be a positive integer`);
  // Duck-typed rather than instanceof, which fails when two copies of typeorm are loaded.
  if ('manager' in source) {
    return source.transaction('REPEATABLE READ', (manager) => walkChain(manager, opts.streamId, batchSize));
  }
  return walkChain(source, opts.streamId, batchSize);
}
