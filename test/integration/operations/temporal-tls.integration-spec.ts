import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, Server, TLSSocket } from 'node:tls';
import { NativeConnection } from '@temporalio/worker';
import { loadAppConfig } from '@aigov/config/app-config';
import { createTemporalClient } from '@aigov/temporal/temporal-client.factory';
import { temporalConnectionOptions } from '@aigov/temporal/temporal-connection-options';

/** A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
function certificates(): Record<'ca' | 'serverCert' | 'serverKey' | 'clientCert' | 'clientKey', string> {
  const dir = mkdtempSync(join(tmpdir(), 'aigov-tls-'));
  const f = (name: string) => join(dir, name);
  const ssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '1', '-subj', '/CN=aigov test CA']);
  for (const [name, cn, ext] of [
    ['server', 'temporal', 'subjectAltName=IP:127.0.0.1,DNS:temporal'],
    ['client', 'aigov-worker', 'extendedKeyUsage=clientAuth'],
  ]) {
    ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f(`${name}.key`), '-out', f(`${name}.csr`), '-subj', `/CN=${cn}`]);
    writeFileSync(f(`${name}.ext`), `${ext}\n`);
    ssl(['x509', '-req', '-in', f(`${name}.csr`), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f(`${name}.pem`), '-days', '1', '-extfile', f(`${name}.ext`)]);
  }
  return { ca: f('ca.pem'), serverCert: f('server.pem'), serverKey: f('server.key'), clientCert: f('client.pem'), clientKey: f('client.key') };
}

/**
 * TEMPORAL_TLS_*: the API's client and the worker's connection present the configured client
 * certificate to a frontend that requires one (mutual TLS), checked against a TLS server that
 * records who completed the handshake (it speaks no gRPC, so the connections then fail).
 */
describe('mutual TLS to the Temporal frontend', () => {
  let server: Server;
  const peers: string[] = [];
  let refused = 0;
  let files: ReturnType<typeof certificates>;

  beforeAll(async () => {
    files = certificates();
    server = createServer(
      { key: readFileSync(files.serverKey), cert: readFileSync(files.serverCert), ca: readFileSync(files.ca), requestCert: true, rejectUnauthorized: true, ALPNProtocols: ['h2'] },
      (socket: TLSSocket) => {
        peers.push(String(socket.getPeerCertificate().subject?.CN));
        socket.destroy();
      },
    );
    server.on('tlsClientError', () => refused++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('presents the client certificate from both the client (API) and the native (worker) connection', async () => {
    const { port } = server.address() as AddressInfo;
    const config = loadAppConfig({
      DATABASE_URL: 'postgres://u@127.0.0.1/db',
      TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
      TEMPORAL_TLS_CA: files.ca,
      TEMPORAL_TLS_CERT: files.clientCert,
      TEMPORAL_TLS_KEY: files.clientKey,
      TEMPORAL_TLS_SERVER_NAME: 'temporal',
    });
    await expect(createTemporalClient(config.temporal)).rejects.toThrow();
    expect(peers).toContain('aigov-worker');
    const before = peers.length;
    await expect(NativeConnection.connect(temporalConnectionOptions(config.temporal))).rejects.toThrow();
    expect(peers.length).toBeGreaterThan(before);
    expect(new Set(peers)).toEqual(new Set(['aigov-worker']));
  });

  it('without the client certificate the frontend refuses the handshake', async () => {
    const { port } = server.address() as AddressInfo;
    const before = refused;
    const config = loadAppConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db', TEMPORAL_ADDRESS: `127.0.0.1:${port}`, TEMPORAL_TLS_CA: files.ca, TEMPORAL_TLS_SERVER_NAME: 'temporal' });
    await expect(createTemporalClient(config.temporal)).rejects.toThrow();
    expect(refused).toBeGreaterThan(before);
    // whoever did complete a handshake (the first test's connections retrying) held the certificate
    expect(new Set(peers)).toEqual(new Set(['aigov-worker']));
  });
});
