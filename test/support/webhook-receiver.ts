import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got, as it arrived. */
export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

/** How the receiver answers a request: a status, or 'hold' to never answer (the test decides when the connection ends). */
export type WebhookAnswer = number | 'hold';

export interface WebhookReceiver {
  /** http://127.0.0.1:<port> */
  url: string;
  received: ReceivedWebhook[];
  /** what path `path` answers to its n-th request (1-based); default 204 */
  answer(path: string, plan: (nth: number, request: ReceivedWebhook) => WebhookAnswer): void;
  /** ends every held request's connection */
  releaseHeld(): void;
  stop(): Promise<void>;
}

/** A real HTTP server on a free loopback port that records every POST and answers as the test plans. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const plans = new Map<string, (nth: number, request: ReceivedWebhook) => WebhookAnswer>();
  const counts = new Map<string, number>();
  const held = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const request = { path, headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      received.push(request);
      const nth = (counts.get(path) ?? 0) + 1;
      counts.set(path, nth);
      const answer = plans.get(path)?.(nth, request) ?? 204;
      if (answer === 'hold') {
        held.add(res);
        return;
      }
      res.statusCode = answer;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const releaseHeld = () => {
    for (const res of held) res.destroy();
    held.clear();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer: (path, plan) => plans.set(path, plan),
    releaseHeld,
    stop: async () => {
      releaseHeld();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
