import net from 'node:net';

/**
 * A lean HTTP/1.1 load client for the open-loop phases: each request is bytes prepared once, sent
 * on a kept-alive connection that has no request outstanding (one at a time per connection, no
 * pipelining), and done when its answer's body has arrived. It does what wrk and vegeta do and
 * what Node's http client does not: no request or response objects, header maps or streams per
 * request. At 1,000 requests/s on the two cores the API and PostgreSQL share, the http client's own
 * CPU time and garbage-collection pauses delayed when answers were seen, and so showed as the API's
 * latency. Answers must carry Content-Length (the API's JSON answers do); anything else fails the
 * request loudly rather than being misread.
 */
export class KeepAliveClient {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly queued: Array<{ request: Buffer; resolve: (status: number) => void; reject: (error: Error) => void }> = [];

  constructor(
    private readonly target: { host: string; port: number },
    private readonly maxConnections = 256,
  ) {}

  /**
   * Resolves with the answer's status code once its whole body is read. With every connection
   * busy and no more allowed, the request waits for the first to come free (as Node's agent
   * queues), so a server that falls behind shows as latency, not as errors.
   */
  send(request: Buffer): Promise<number> {
    const connection = this.idle.pop() ?? this.open();
    if (connection) return this.sendOn(connection, request);
    return new Promise((resolve, reject) => this.queued.push({ request, resolve, reject }));
  }

  private open(): Connection | undefined {
    if (this.all.size >= this.maxConnections) return undefined;
    const connection = new Connection(this.target, (c) => this.forget(c));
    this.all.add(connection);
    return connection;
  }

  private sendOn(connection: Connection, request: Buffer): Promise<number> {
    return connection.send(request).finally(() => this.release(connection));
  }

  /**
   * A connection closed: gone from the count and from the idle list too. One the server closed
   * while it sat idle (Node's keep-alive timeout is 5 s) would otherwise be taken for the next
   * request, whose write then went nowhere and which never settled.
   */
  private forget(connection: Connection): void {
    this.all.delete(connection);
    const idle = this.idle.indexOf(connection);
    if (idle >= 0) this.idle.splice(idle, 1);
  }

  /** A connection's request is done: the next queued request takes it (or a new one, if it closed). */
  private release(connection: Connection): void {
    const next = this.queued.shift();
    if (!next) {
      if (connection.isOpen) this.idle.push(connection);
      return;
    }
    const free = connection.isOpen ? connection : this.open();
    if (free) this.sendOn(free, next.request).then(next.resolve, next.reject);
    else this.queued.unshift(next);
  }

  /** Connections opened so far that are still open (the peak concurrency the phase needed). */
  get connections(): number {
    return this.all.size;
  }

  close(): void {
    for (const c of [...this.all]) c.destroy();
    this.idle.length = 0;
    for (const q of this.queued.splice(0)) q.reject(new Error('client closed'));
  }
}

/** The bytes of one request, with the headers a keep-alive JSON client sends. */
export function requestBytes(url: URL, method: string, headers: Record<string, string>, body?: string): Buffer {
  const lines = [`${method} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`, 'connection: keep-alive'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body !== undefined) lines.push(`content-length: ${Buffer.byteLength(body)}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body ?? ''}`);
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** One TCP connection with at most one request outstanding. */
class Connection {
  private open = true;
  private readonly socket: net.Socket;
  private buffered: Buffer | null = null;
  private waiting: { resolve: (status: number) => void; reject: (error: Error) => void } | null = null;

  constructor(target: { host: string; port: number }, private readonly onClose: (c: Connection) => void) {
    this.socket = net.connect(target);
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error('connection closed by the server')));
  }

  get isOpen(): boolean {
    return this.open;
  }

  send(request: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(request);
    });
  }

  /** Closes it for good; the client forgets it. */
  destroy(): void {
    if (!this.open) return;
    this.open = false;
    this.socket.destroy();
    this.onClose(this);
  }

  private onData(chunk: Buffer): void {
    const data = this.buffered ? Buffer.concat([this.buffered, chunk]) : chunk;
    const headerEnd = data.indexOf(HEADER_END);
    if (headerEnd < 0) {
      this.buffered = data;
      return;
    }
    const head = data.toString('latin1', 0, headerEnd);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) return this.fail(new Error(`an answer without content-length: ${head.split('\r\n')[0]}`));
    const end = headerEnd + HEADER_END.length + Number(length[1]);
    if (data.length < end) {
      this.buffered = data;
      return;
    }
    if (data.length > end) return this.fail(new Error('bytes after the answer on a connection with one request outstanding'));
    this.buffered = null;
    const waiting = this.waiting;
    this.waiting = null;
    if (/\r\nconnection:\s*close/i.test(head)) this.destroy();
    waiting?.resolve(status);
  }

  private fail(error: Error): void {
    this.destroy();
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }
}
