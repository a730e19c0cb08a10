import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { HeaderValue } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { startWebInbox, WebInbox } from './mail-capture.web-inbox';

export interface CapturedMail {
  id: string;
  messageId: string;
  /** the From header's address, or the envelope sender when there is none */
  from: string;
  /** the envelope recipients, so Bcc recipients are seen too */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** decoded header values keyed by lowercase name; repeated headers joined with ", " */
  headers: Record<string, string>;
  /** ISO 8601 */
  receivedAt: string;
}

export interface MailCaptureOptions {
  /** 127.0.0.1 by default: the capture accepts mail from anyone who can connect */
  host?: string;
  /** 0 (default) picks a free port */
  smtpPort?: number;
  /** false (default) for no web inbox; 0 picks a free port */
  httpPort?: number | false;
  /** 1000 by default; beyond it the oldest messages are dropped */
  maxMessages?: number;
}

export interface MailCapture {
  /** plain SMTP without TLS, for nodemailer's createTransport */
  smtpUrl: string;
  smtpPort: number;
  /** set when the web inbox runs */
  inboxUrl?: string;
  /** a copy, oldest first */
  messages(): CapturedMail[];
  clear(): void;
  /** the first matching message already captured or still to arrive; on timeout the error lists what did arrive */
  waitFor(predicate: (m: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  /** all messages once there are at least `count` */
  waitForCount(count: number, timeoutMs?: number): Promise<CapturedMail[]>;
  /** false refuses every SMTP transaction with 421, like a mail server that is down for a while */
  setAvailable(available: boolean): void;
  /**
   * true holds each fully received message before its final 250 reply, so a test can kill the
   * sender mid-transaction. false releases them: a message whose sender is still connected is
   * accepted; one whose sender has gone is dropped, since it was never acknowledged (RFC 5321).
   */
  holdReplies(hold: boolean): void;
  /** resolves with the subject of the next message held (or one already held) */
  waitForHeld(timeoutMs?: number): Promise<string>;
  /** called right after a message is acknowledged with 250, e.g. to kill its sender at that point */
  onAccepted(listener: ((m: CapturedMail) => void) | null): void;
  /** how many held messages were dropped because their sender disconnected first */
  dropped(): number;
  /** closes SMTP and web inbox, without waiting for connected clients to leave */
  stop(): Promise<void>;
}

interface Waiter {
  /** settles the wait if its condition now holds */
  check(): void;
  fail(error: Error): void;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** How many received messages a timeout error names; enough to see what went wrong, not the whole store. */
const NAMED_ON_TIMEOUT = 20;

/**
 * A local SMTP sink with an optional web inbox: the default mail server of `npm start` on a
 * fresh machine, and the real SMTP peer of the integration tests.
 */
export async function startMailCapture(options: MailCaptureOptions = {}): Promise<MailCapture> {
  const host = options.host ?? '127.0.0.1';
  const maxMessages = options.maxMessages ?? 1000;
  const store: CapturedMail[] = [];
  const waiters = new Set<Waiter>();
  let available = true;
  let holding = false;
  let held: Array<{ subject: string; release: () => void }> = [];
  let dropped = 0;
  let acceptedListener: ((m: CapturedMail) => void) | null = null;

  // 421 is the SMTP "try again later" reply: a sender treats it as temporary and retries.
  const unavailable = () => Object.assign(new Error('Mail service temporarily unavailable'), { responseCode: 421 });

  const server = new SMTPServer({
    authOptional: true,
    // No certificate here; without this the server would offer STARTTLS with the package's public test key.
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Loopback senders have no useful reverse DNS name, and the lookup costs time on every connection.
    disableReverseLookup: true,
    size: 25 * 1024 * 1024,
    rejectOversized: true,
    // Senders may keep pooled connections open; stop() should not wait the default 30 s for them.
    closeTimeout: 200,
    // Refused at connect time for new connections, at MAIL FROM for connections opened before.
    onConnect(_session, callback) {
      callback(available ? undefined : unavailable());
    },
    onMailFrom(_address, _session, callback) {
      callback(available ? undefined : unavailable());
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          // The capture may have been switched off while the message was on its way.
          if (!available) return callback(unavailable());
          const mailFrom = session.envelope.mailFrom;
          const mail: CapturedMail = {
            id: randomUUID(),
            messageId: parsed.messageId ?? '',
            from: parsed.from?.value[0]?.address ?? (mailFrom ? mailFrom.address : ''),
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: Object.fromEntries([...parsed.headers].map(([key, value]) => [key, headerText(value)])),
            receivedAt: new Date().toISOString(),
          };
          const accept = () => {
            store.push(mail);
            if (store.length > maxMessages) store.splice(0, store.length - maxMessages);
            callback();
            acceptedListener?.(copy(mail));
            for (const waiter of [...waiters]) waiter.check();
          };
          if (!holding) return accept();
          held.push({
            subject: mail.subject,
            release: () => {
              if (senderConnected(session.id)) accept();
              else dropped += 1;
            },
          });
          for (const waiter of [...waiters]) waiter.check();
        })
        .catch((error: Error) => callback(error));
    },
  });
  /** smtp-server keeps its open connections in a set and removes each one as it closes */
  const senderConnected = (sessionId: string): boolean =>
    [...(server as unknown as { connections: Set<{ id: string; _closed?: boolean; _closing?: boolean }> }).connections].some(
      (c) => c.id === sessionId && !c._closed && !c._closing,
    );
  // Client-side failures (a sender that drops the connection) are emitted here; without a
  // listener they would crash the process that hosts the capture.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.smtpPort ?? 0, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const smtpPort = (server.server.address() as AddressInfo).port;

  const copy = (m: CapturedMail): CapturedMail => ({ ...m, to: [...m.to], headers: { ...m.headers } });
  const snapshot = () => store.map(copy);
  const received = () => {
    if (store.length === 0) return 'nothing';
    const named = store.slice(-NAMED_ON_TIMEOUT).map((m) => `${JSON.stringify(m.subject)} to ${m.to.join(', ')}`);
    return `${store.length} message(s)${store.length > named.length ? `, the last ${named.length}` : ''}: ${named.join('; ')}`;
  };

  /** Resolves with probe()'s first defined result, probed now and after every arrival. */
  const waitUntil = <T>(probe: () => T | undefined, timeoutMs: number, expected: string) =>
    new Promise<T>((resolve, reject) => {
      const settle = (done: () => void) => {
        waiters.delete(waiter);
        clearTimeout(timer);
        done();
      };
      const waiter: Waiter = {
        check: () => {
          let result: T | undefined;
          try {
            result = probe();
          } catch (error) {
            // A throwing predicate fails this wait, not the SMTP delivery that triggered it.
            return settle(() => reject(error));
          }
          if (result !== undefined) settle(() => resolve(result));
        },
        fail: (error) => settle(() => reject(error)),
      };
      const timer = setTimeout(() => waiter.fail(new Error(`${expected} within ${timeoutMs} ms; received ${received()}`)), timeoutMs);
      waiters.add(waiter);
      waiter.check();
    });

  let inbox: WebInbox | undefined;
  let stopping: Promise<void> | undefined;
  const capture: MailCapture = {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    smtpPort,
    messages: snapshot,
    clear: () => {
      store.length = 0;
    },
    waitFor: (predicate, timeoutMs = DEFAULT_TIMEOUT_MS) =>
      waitUntil(
        () => {
          const found = store.find(predicate);
          return found && copy(found);
        },
        timeoutMs,
        'No matching mail',
      ),
    waitForCount: (count, timeoutMs = DEFAULT_TIMEOUT_MS) =>
      waitUntil(() => (store.length >= count ? snapshot() : undefined), timeoutMs, `Expected ${count} mail(s)`),
    setAvailable: (value) => {
      available = value;
    },
    holdReplies: (value) => {
      holding = value;
      if (value) return;
      const releasing = held;
      held = [];
      for (const h of releasing) h.release();
    },
    waitForHeld: (timeoutMs = DEFAULT_TIMEOUT_MS) => waitUntil(() => held[0]?.subject, timeoutMs, 'No held mail'),
    onAccepted: (listener) => {
      acceptedListener = listener;
    },
    dropped: () => dropped,
    stop: () =>
      (stopping ??= (async () => {
        for (const waiter of [...waiters]) waiter.fail(new Error('Mail capture stopped while waiting for mail'));
        await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), inbox?.stop()]);
      })()),
  };
  if (options.httpPort !== undefined && options.httpPort !== false) {
    try {
      inbox = await startWebInbox(capture, host, options.httpPort);
    } catch (error) {
      // Do not leave the SMTP port open when the inbox port is taken.
      await capture.stop();
      throw error;
    }
    capture.inboxUrl = inbox.url;
  }
  return capture;
}

/** One header value as text: addresses as written, dates in ISO 8601, structured values with their parameters. */
function headerText(value: HeaderValue): string {
  if (Array.isArray(value)) return value.map((v) => headerText(v)).join(', ');
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('params' in value && typeof value.value === 'string') {
    const params = Object.entries(value.params as Record<string, string>).map(([k, v]) => `; ${k}=${v}`);
    return value.value + params.join('');
  }
  return JSON.stringify(value);
}
