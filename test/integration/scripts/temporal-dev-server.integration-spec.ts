import { Connection } from '@temporalio/client';
import { createConnection, createServer, Server } from 'node:net';
import { freePort } from '@aigov/scripts/free-port';
import { resolveTemporalCli } from '@aigov/scripts/temporal-cli';
import { startTemporalDevServer } from '@aigov/scripts/temporal-dev-server';

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startTemporalDevServer', () => {
  let cliPath: string;

  beforeAll(async () => {
    // The global setup has resolved (and if need be built) the CLI already.
    cliPath = await resolveTemporalCli();
  });

  it('starts a second dev server on the port asked for, serves the namespace, and frees the port on stop', async () => {
    const port = await freePort();
    const server = await startTemporalDevServer({ cliPath, port, namespace: 'scripts-spec' });
    try {
      expect(server.address).toBe(`127.0.0.1:${port}`);
      expect(server.uiUrl).toBeUndefined();
      expect(process.env.TEMPORAL_ADDRESS).not.toBe(server.address);

      const connection = await Connection.connect({ address: server.address });
      try {
        const info = await connection.workflowService.getSystemInfo({});
        expect(info.serverVersion).toBeTruthy();
        const namespace = await connection.workflowService.describeNamespace({ namespace: 'scripts-spec' });
        expect(namespace.namespaceInfo?.name).toBe('scripts-spec');
      } finally {
        await connection.close();
      }
    } finally {
      await server.stop();
    }

    expect(await accepts(port)).toBe(false);
    await expect(server.stop()).resolves.toBeUndefined();
  });

  it('serves the Web UI when a UI port is given', async () => {
    const server = await startTemporalDevServer({ cliPath, uiPort: 0 });
    try {
      expect(server.uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      let status = 0;
      for (const deadline = Date.now() + 20_000; status !== 200 && Date.now() < deadline; ) {
        status = await fetch(server.uiUrl!).then(
          (response) => response.status,
          () => 0,
        );
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('fails fast, with the server output, when the server exits before it is ready', async () => {
    const port = await freePort();
    // Drops whoever connects, so that closing it does not wait for clients.
    const blocker: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    const started = Date.now();
    try {
      await expect(startTemporalDevServer({ cliPath, port })).rejects.toThrow(/exited with .* before it was ready[\s\S]*address already in use/);
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
