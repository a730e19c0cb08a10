import { connect, createServer, type Server, type Socket } from 'node:net';

/** One relayed connection's traffic, in the order the relay saw it. */
export interface RelayedConnection {
  /** 'client' for bytes the client sent towards the server, 'server' for the server's answers */
  chunks: { from: 'client' | 'server'; bytes: number }[];
}

/**
 * A TCP relay on 127.0.0.1 in front of a real server that notes which side sent how many bytes
 * when, for tests about what a client puts on the wire (whether it writes a statement before the
 * previous one is answered). It relays every byte unchanged.
 */
export class RecordingTcpRelay {
  readonly connections: RelayedConnection[] = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const recorded: RelayedConnection = { chunks: [] };
      this.connections.push(recorded);
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        // A side that fails ends the other; the test sees the failure in its client.
        socket.on('error', () => undefined);
      }
      client.on('data', (data: Buffer) => {
        recorded.chunks.push({ from: 'client', bytes: data.length });
        upstream.write(data);
      });
      upstream.on('data', (data: Buffer) => {
        recorded.chunks.push({ from: 'server', bytes: data.length });
        client.write(data);
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
