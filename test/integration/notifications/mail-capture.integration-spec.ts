import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { createTransport, SendMailOptions } from 'nodemailer';
import { CapturedMail, MailCapture, startMailCapture } from '@aigov/notifications/mail-capture.server';

const FROM = 'Governance Engine <noreply@governance.example.test>';

/** One message through a real nodemailer SMTP transport, as the mailer sends it. */
async function send(capture: MailCapture, mail: SendMailOptions) {
  const transport = createTransport(capture.smtpUrl);
  try {
    return await transport.sendMail({ from: FROM, text: 'text body', ...mail });
  } finally {
    transport.close();
  }
}

/** A subject no other test uses, so a test only sees its own mail. */
const subject = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

/** Resolves with the connection error, or null when something still accepts connections. */
function connectionError(port: number): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', (error) => resolve(error));
  });
}

describe('mail capture', () => {
  let capture: MailCapture;

  beforeAll(async () => {
    capture = await startMailCapture({ httpPort: 0 });
  });

  afterAll(async () => {
    await capture.stop();
  });

  beforeEach(() => {
    capture.setAvailable(true);
    capture.holdReplies(false);
    capture.onAccepted(null);
    capture.clear();
  });

  it('captures a message sent over SMTP with its parsed fields', async () => {
    const title = subject('Approval requested: “Model X” ✓');
    const before = Date.now();
    const info = await send(capture, {
      to: ['Ada Approver <ada@example.test>', 'bob@example.test'],
      bcc: 'carol@example.test',
      subject: title,
      text: 'Please review model X.',
      html: '<p>Please review <b>model X</b>.</p>',
      messageId: '<task-42.request@governance.example.test>',
      headers: { 'X-Governance-Task': 'task-42' },
    });
    expect(info.messageId).toBe('<task-42.request@governance.example.test>');

    const [mail, ...others] = capture.messages();
    expect(others).toEqual([]);
    expect(mail).toMatchObject<Partial<CapturedMail>>({
      messageId: '<task-42.request@governance.example.test>',
      from: 'noreply@governance.example.test',
      to: ['ada@example.test', 'bob@example.test', 'carol@example.test'],
      subject: title,
      html: '<p>Please review <b>model X</b>.</p>',
    });
    expect(mail.text.trim()).toBe('Please review model X.');
    expect(mail.id).toEqual(expect.any(String));
    expect(mail.headers).toMatchObject({
      from: '"Governance Engine" <noreply@governance.example.test>',
      subject: title,
      'message-id': '<task-42.request@governance.example.test>',
      'x-governance-task': 'task-42',
    });
    expect(new Date(mail.receivedAt).toISOString()).toBe(mail.receivedAt);
    expect(Date.parse(mail.receivedAt)).toBeGreaterThanOrEqual(before - 1000);

    // messages() hands out copies: a test cannot change what the next one sees.
    mail.to.push('mallory@example.test');
    expect(capture.messages()[0].to).toHaveLength(3);
  });

  it('waitFor resolves with mail that arrives after the call', async () => {
    const title = subject('later');
    const waiting = capture.waitFor((m) => m.subject === title, 5000);
    await send(capture, { to: 'dan@example.test', subject: title });
    await expect(waiting).resolves.toMatchObject({ subject: title, to: ['dan@example.test'] });
  });

  it('waitFor resolves at once with mail that is already there', async () => {
    const title = subject('early');
    await send(capture, { to: 'erin@example.test', subject: title });
    await expect(capture.waitFor((m) => m.to.includes('erin@example.test'), 1)).resolves.toMatchObject({ subject: title });
  });

  it('waitFor rejects on timeout, naming the mail that did arrive', async () => {
    const title = subject('the only one');
    await send(capture, { to: 'frank@example.test', subject: title });
    const started = Date.now();
    await expect(capture.waitFor((m) => m.subject === 'never sent', 300)).rejects.toThrow(
      `No matching mail within 300 ms; received 1 message(s): "${title}" to frank@example.test`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('waitFor rejects when its predicate throws, and delivery is unaffected', async () => {
    const rejected = expect(
      capture.waitFor(() => {
        throw new Error('broken predicate');
      }, 5000),
    ).rejects.toThrow('broken predicate');
    // The store is empty, so the predicate first runs when this mail arrives.
    await send(capture, { to: 'gina@example.test', subject: subject('still delivered') });
    await rejected;
    expect(capture.messages()).toHaveLength(1);
  });

  it('waitForCount resolves once enough mail has arrived and rejects otherwise', async () => {
    const waiting = capture.waitForCount(2, 5000);
    await send(capture, { to: 'hal@example.test', subject: subject('one') });
    await send(capture, { to: 'hal@example.test', subject: subject('two') });
    expect(await waiting).toHaveLength(2);
    await expect(capture.waitForCount(3, 200)).rejects.toThrow(/^Expected 3 mail\(s\) within 200 ms; received 2 message\(s\)/);
  });

  it('refuses mail with 421 while unavailable and accepts the resend afterwards', async () => {
    const title = subject('retry me');
    capture.setAvailable(false);
    await expect(send(capture, { to: 'ivy@example.test', subject: title })).rejects.toMatchObject({ responseCode: 421 });
    expect(capture.messages()).toEqual([]);

    capture.setAvailable(true);
    await send(capture, { to: 'ivy@example.test', subject: title });
    expect(capture.messages().map((m) => m.subject)).toEqual([title]);
  });

  it('refuses mail with 421 on a connection opened while it was still available', async () => {
    // A pooled transport keeps its connection, so the refusal has to come at MAIL FROM.
    const transport = createTransport(`${capture.smtpUrl}?pool=true&maxConnections=1`);
    try {
      await transport.sendMail({ from: FROM, to: 'jo@example.test', subject: subject('before'), text: 'x' });
      capture.setAvailable(false);
      await expect(transport.sendMail({ from: FROM, to: 'jo@example.test', subject: subject('during'), text: 'x' })).rejects.toMatchObject({
        responseCode: 421,
      });
    } finally {
      transport.close();
    }
    expect(capture.messages()).toHaveLength(1);
  });

  it('holds the final reply while asked to, then accepts the mail of a sender still waiting', async () => {
    const title = subject('held');
    capture.holdReplies(true);
    const sending = send(capture, { to: 'kim@example.test', subject: title });
    expect(await capture.waitForHeld(5000)).toBe(title);
    expect(capture.messages()).toEqual([]);
    const accepted: string[] = [];
    capture.onAccepted((m) => accepted.push(m.subject));
    capture.holdReplies(false);
    await expect(sending).resolves.toMatchObject({ accepted: ['kim@example.test'] });
    expect(capture.messages().map((m) => m.subject)).toEqual([title]);
    expect(accepted).toEqual([title]);
  });

  it('drops a held message whose sender disconnected before the 250, as it was never acknowledged', async () => {
    const title = subject('abandoned');
    const droppedBefore = capture.dropped();
    capture.holdReplies(true);
    // A raw SMTP client that vanishes after the final dot, like a process killed mid-send.
    const socket = connect(capture.smtpPort, '127.0.0.1');
    const lines = ['EHLO test', 'MAIL FROM:<a@example.test>', 'RCPT TO:<lee@example.test>', 'DATA', `Subject: ${title}\r\n\r\nbody\r\n.`];
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      // Each reply ends a line that starts with a code and a space; send the next command then.
      const replies = buffer.split('\r\n').filter((l) => /^\d{3} /.test(l)).length;
      if (replies >= 1 && replies <= lines.length && lines.length) {
        const next = lines[replies - 1];
        if (next !== undefined && !socket.destroyed && (socket as unknown as { sent?: number }).sent !== replies) {
          (socket as unknown as { sent?: number }).sent = replies;
          socket.write(`${next}\r\n`);
        }
      }
    });
    expect(await capture.waitForHeld(5000)).toBe(title);
    socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    capture.holdReplies(false);
    expect(capture.dropped()).toBe(droppedBefore + 1);
    expect(capture.messages()).toEqual([]);
  });

  describe('web inbox', () => {
    const inbox = (path: string, init?: RequestInit) => fetch(`${capture.inboxUrl}${path}`, init);

    it('is served on loopback', () => {
      expect(capture.inboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('lists messages newest first with every value escaped', async () => {
      const older = subject('older');
      const hostile = subject('<script>alert("x")</script> & more');
      await send(capture, { to: 'kim@example.test', subject: older });
      await send(capture, { to: '"<b>Kim</b>" <kim@example.test>', subject: hostile });

      const response = await inbox('/');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      const html = await response.text();
      expect(html).not.toContain('<script>');
      expect(html).toContain(hostile.replace('<script>alert("x")</script> &', '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;'));
      expect(html.indexOf(hostile.slice(-8))).toBeLessThan(html.indexOf(older));
    });

    it('serves the messages as JSON, oldest first', async () => {
      const title = subject('json');
      await send(capture, { to: 'lee@example.test', subject: title });
      const response = await inbox('/api/messages');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toEqual(capture.messages());
    });

    it('shows one message with its HTML in a sandboxed frame, and 404 for an unknown id', async () => {
      const title = subject('detail');
      await send(capture, { to: 'max@example.test', subject: title, html: '<p class="x">Hi <script>steal()</script></p>', text: 'Hi & bye' });
      const [mail] = capture.messages();

      const response = await inbox(`/messages/${mail.id}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<iframe sandbox srcdoc="&lt;p class=&quot;x&quot;&gt;Hi &lt;script&gt;steal()&lt;/script&gt;&lt;/p&gt;"');
      expect(html).not.toContain('<script>');
      expect(html).toContain('Hi &amp; bye');

      expect((await inbox(`/messages/${randomUUID()}`)).status).toBe(404);
      expect((await inbox('/messages/not-an-id')).status).toBe(404);
      expect((await inbox('/nothing-here')).status).toBe(404);
      expect((await inbox('/api/messages', { method: 'POST' })).status).toBe(404);
    });

    it('clears all messages on DELETE /api/messages', async () => {
      await send(capture, { to: 'ned@example.test', subject: subject('to be deleted') });
      const response = await inbox('/api/messages', { method: 'DELETE' });
      expect(response.status).toBe(204);
      expect(capture.messages()).toEqual([]);
      expect(await (await inbox('/api/messages')).json()).toEqual([]);
    });

    it('refuses requests addressed to another host name', async () => {
      // What a browser sends after a DNS-rebinding page points its own name at 127.0.0.1.
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const url = new URL(capture.inboxUrl!);
        request({ host: url.hostname, port: url.port, path: '/api/messages', headers: { host: 'attacker.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
          .on('error', reject)
          .end();
      });
      expect(status).toBe(403);
    });
  });
});

describe('mail capture limits and shutdown', () => {
  it('keeps only the newest maxMessages', async () => {
    const capture = await startMailCapture({ maxMessages: 2 });
    try {
      expect(capture.inboxUrl).toBeUndefined();
      for (const n of [1, 2, 3]) await send(capture, { to: 'olga@example.test', subject: `number ${n}` });
      expect(capture.messages().map((m) => m.subject)).toEqual(['number 2', 'number 3']);
    } finally {
      await capture.stop();
    }
  });

  it('stop() closes both ports, even with a client still connected, and fails pending waits', async () => {
    const capture = await startMailCapture({ httpPort: 0 });
    const inboxPort = Number(new URL(capture.inboxUrl!).port);

    // A client that connects and then just sits there.
    const idle = connect(capture.smtpPort, '127.0.0.1');
    idle.on('error', () => undefined);
    await new Promise((resolve) => idle.once('data', resolve));
    const pending = capture.waitFor(() => false, 60_000);
    pending.catch(() => undefined);

    const started = Date.now();
    await capture.stop();
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(pending).rejects.toThrow('Mail capture stopped');
    await expect(capture.stop()).resolves.toBeUndefined();
    idle.destroy();

    expect(await connectionError(capture.smtpPort)).toMatchObject({ code: 'ECONNREFUSED' });
    expect(await connectionError(inboxPort)).toMatchObject({ code: 'ECONNREFUSED' });
  });
});
