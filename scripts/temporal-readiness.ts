import { Connection } from '@temporalio/client';
import type { ProcessExit } from './server-process';

export interface ReadinessWait {
  /** host:port of the frontend */
  address: string;
  /** the calls that say the server is usable; throws while it is not */
  probe: (connection: Connection) => Promise<void>;
  /** how long one probe may take */
  probeTimeoutMs: number;
  /** pause between failed probes */
  retryMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** resolves when the process exits; hasExited() says whether it has */
  exited: Promise<ProcessExit>;
  hasExited: () => boolean;
  stop: () => Promise<void>;
  /** the error message for what happened, with the launcher's command line and output */
  describe: (what: string) => string;
}

/**
 * Probes a Temporal server the launcher just started until it answers, shared by the dev server
 * and the cluster. A process that dies while we wait is reported at once (with its output), not
 * after the probe's deadline; a timeout or an abort stops the process before throwing.
 */
export async function awaitTemporalReady(wait: ReadinessWait): Promise<void> {
  const deadline = Date.now() + wait.timeoutMs;
  let lastError: unknown;
  for (;;) {
    if (wait.signal?.aborted) {
      await wait.stop();
      throw wait.signal.reason ?? new Error('aborted');
    }
    if (wait.hasExited()) {
      const { code, signal } = await wait.exited;
      throw new Error(wait.describe(`exited with ${signal ?? code ?? 'an error'} before it was ready`));
    }
    if (Date.now() > deadline) {
      await wait.stop();
      throw new Error(wait.describe(`was not ready after ${wait.timeoutMs} ms: ${(lastError as Error | undefined)?.message ?? 'no answer'}`));
    }
    // lazy, not connect(): a failed connect() keeps its channel (and a socket) open with no
    // handle to close it; this way every attempt's connection is closed. No interceptors: the
    // default retry interceptor would retry on a timer after close() and throw from there.
    const connection = Connection.lazy({ address: wait.address, interceptors: [] });
    try {
      const attempt = connection.withDeadline(Date.now() + wait.probeTimeoutMs, async () => {
        await wait.probe(connection);
        return 'ready' as const;
      });
      attempt.catch(() => undefined); // it may lose the race below and be abandoned
      if ((await Promise.race([attempt, wait.exited])) === 'ready') return;
    } catch (error) {
      lastError = error;
      await Promise.race([new Promise((resolve) => setTimeout(resolve, wait.retryMs)), wait.exited]);
    } finally {
      await connection.close();
    }
  }
}
