import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { escapeHtml } from './html-escape';
import type { CapturedMail, MailCapture } from './mail-capture.server';

export interface WebInbox {
  url: string;
  stop(): Promise<void>;
}

type Store = Pick<MailCapture, 'messages' | 'clear'>;

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2430}th,td{padding:.3rem .8rem;text-align:left}
iframe{width:100%;height:30rem;border:1px solid #ccd}pre{white-space:pre-wrap}`;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;

const listPage = (messages: CapturedMail[]) => {
  const rows = messages
    .map(
      (m) =>
        `<tr><td><a href="/messages/${escapeHtml(m.id)}">${escapeHtml(m.subject || '(no subject)')}</a></td>` +
        `<td>${escapeHtml(m.to.join(', '))}</td><td>${escapeHtml(m.receivedAt)}</td></tr>`,
    )
    .join('\n');
  return page(
    'Captured mail',
    `<h1>Captured mail (${messages.length})</h1><table><thead><tr><th>Subject</th><th>To</th><th>Received</th></tr></thead><tbody>\n${rows}\n</tbody></table>`,
  );
};

// The mail's HTML goes into a sandboxed frame (no scripts, no access to this page), escaped as an
// attribute value; everything else is escaped text.
const messagePage = (m: CapturedMail) =>
  page(
    m.subject,
    `<p><a href="/">&larr; all mail</a></p><h1>${escapeHtml(m.subject || '(no subject)')}</h1>
<p>From ${escapeHtml(m.from)} to ${escapeHtml(m.to.join(', '))}, ${escapeHtml(m.receivedAt)}</p>
<iframe sandbox srcdoc="${escapeHtml(m.html)}" title="HTML body"></iframe>
<h2>Text</h2><pre>${escapeHtml(m.text)}</pre>`,
  );

/** A small web view of captured mail for people running the system locally, and its JSON API. */
export async function startWebInbox(store: Store, host: string, port: number): Promise<WebInbox> {
  const sockets = new Set<Socket>();
  let allowedHosts: Set<string>;

  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    // Captured mail holds sign-in and approval links. Only answering our own host names keeps a web
    // page in the user's browser from reading the inbox through DNS rebinding.
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 403, 'text/plain; charset=utf-8', 'unexpected Host header');
    const path = new URL(req.url ?? '/', 'http://inbox').pathname;
    if (path === '/' && req.method === 'GET') return send(res, 200, 'text/html; charset=utf-8', listPage(store.messages().reverse()));
    if (path === '/api/messages' && req.method === 'GET') return send(res, 200, 'application/json', JSON.stringify(store.messages()));
    if (path === '/api/messages' && req.method === 'DELETE') {
      store.clear();
      res.writeHead(204).end();
      return;
    }
    const id = req.method === 'GET' ? /^\/messages\/([^/]+)$/.exec(path)?.[1] : undefined;
    const message = id === undefined ? undefined : store.messages().find((m) => m.id === id);
    if (message) return send(res, 200, 'text/html; charset=utf-8', messagePage(message));
    send(res, 404, 'text/plain; charset=utf-8', 'not found');
  };

  const server = createServer(handle);
  // Tracked so stop() does not wait for browsers holding keep-alive connections.
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`${host}:${actualPort}`, `localhost:${actualPort}`]);

  return {
    url: `http://${host}:${actualPort}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
