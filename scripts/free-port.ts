import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A TCP port that nothing listens on right now, picked by the OS. Another process may take it
 * before the caller binds it; callers that care must still handle EADDRINUSE.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Whether `port` can be bound on `host` right now (false when something already listens there). */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else reject(error);
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** Linux's range for the local ports of outgoing connections; [32768, 60999] where it cannot be read. */
export function ephemeralPortRange(read: () => string = () => readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')): [number, number] {
  try {
    const [low, high] = read().trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high) && low >= 1 && low <= high && high <= 65535) return [low, high];
  } catch {
    // not Linux, or /proc not mounted
  }
  return [32768, 60999];
}

/**
 * A free port below the OS's ephemeral range, for a server that a test stops and starts again
 * on the same port (a killed worker, a restarted PostgreSQL or Temporal). A port from freePort
 * lies inside that range, and in the gap between the stop and the start any outgoing
 * connection may be given it as its local port; the restart then fails with EADDRINUSE (seen in
 * CI: the prompt-delivery spec's worker restart). Ports below the range are never handed out
 * that way. Falls back to freePort when none is found.
 */
export async function freeRestartablePort(host = '127.0.0.1', random: () => number = Math.random, tries = 50): Promise<number> {
  const [ephemeralLow] = ephemeralPortRange();
  const low = 10_000;
  const high = ephemeralLow - 1;
  if (high > low) {
    for (let i = 0; i < tries; i++) {
      const port = low + Math.floor(random() * (high - low + 1));
      if (await portIsFree(port, host)) return port;
    }
  }
  return freePort(host);
}
