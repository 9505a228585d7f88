/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives, parsed by mailparser, with switches to make it
 * fail: reject the next messages with a 4xx or 5xx reply, refuse recipients, greet slowly, or go down and come
 * back on the same port. Email tests, the sandbox's SMTP stand-in and the worker's reliability tests use it.
 */
import { generateKeyPairSync, randomBytes, sign, timingSafeEqual } from 'node:crypto';
import type { Socket } from 'node:net';
import {
  type AddressObject,
  type HeaderLines,
  type Headers,
  type ParsedMail,
  simpleParser,
} from 'mailparser';
import {
  SMTPServer,
  type SMTPServerDataStream,
  type SMTPServerOptions,
  type SMTPServerSession,
} from 'smtp-server';

/** The loopback address the sink always binds. */
export const SMTP_SINK_HOST = '127.0.0.1';

/** Options of {@link startSmtpSink}. */
export interface SmtpSinkOptions {
  /**
   * Credentials the sink requires. When given, a message is accepted only after `AUTH` with exactly these
   * (PLAIN or LOGIN); when left out, no authentication is offered or needed.
   */
  auth?: { user: string; pass: string };
  /**
   * `'starttls'`: plain connection that offers STARTTLS. `'implicit'`: TLS from the first byte (like port 465).
   * Either way the sink presents a self-signed certificate for `127.0.0.1` and `localhost`, made at start;
   * trust it with {@link SmtpSink.ca}. Default: no TLS at all (STARTTLS is not offered).
   */
  tls?: 'starttls' | 'implicit';
  /** Largest message accepted, in bytes; a bigger one gets `552`. Default 25 MiB. */
  maxMessageBytes?: number;
  /** Name the sink greets with (`220 <name> ESMTP`). Default `smtp-sink.test`. */
  serverName?: string;
  /** Port to bind. Default 0: any free port, read it from {@link SmtpSink.port}. */
  port?: number;
}

/** An address as it appeared in a `From`, `To` or `Cc` header. */
export interface ReceivedAddress {
  address: string;
  name: string;
}

/** An attachment of a received message. */
export interface ReceivedAttachment {
  filename: string | undefined;
  contentType: string;
  content: Buffer;
  size: number;
}

/** One message the sink accepted, parsed by mailparser. */
export interface ReceivedMail {
  /** What the client said in `MAIL FROM` and `RCPT TO`: the real recipients, Bcc included. */
  envelope: { mailFrom: string; rcptTo: string[] };
  from: ReceivedAddress[];
  to: ReceivedAddress[];
  cc: ReceivedAddress[];
  /** Envelope recipients named in neither `To` nor `Cc`: the blind copies. */
  bcc: string[];
  subject: string | undefined;
  text: string | undefined;
  html: string | undefined;
  messageId: string | undefined;
  attachments: ReceivedAttachment[];
  /** Parsed headers, keys in lower case (mailparser's `headers`). */
  headers: Headers;
  /** Every header line as it arrived, to check what a header injection would have added. */
  headerLines: HeaderLines;
  /** The message exactly as received. */
  raw: Buffer;
  /** `raw.length`. */
  size: number;
  /** True when the message came over TLS (implicit or after STARTTLS). */
  secure: boolean;
  /** The user that authenticated, when the client did. */
  authUser: string | undefined;
  /** The complete mailparser result, for anything not copied above. */
  parsed: ParsedMail;
}

/** Switches that make the sink misbehave like a real mail server on a bad day. */
export interface SmtpSinkFaults {
  /**
   * Rejects the next `count` messages with `code` (400-599) and `message`. At `'data'` (default) the message is
   * received in full and then refused, as after a content or quota check; at `'mail'` the `MAIL FROM` is refused.
   * With `after: n`, the next n messages are accepted first (to fail part 2 of a split message, say).
   */
  rejectNext(
    count: number,
    code: number,
    message: string,
    options?: { at?: 'mail' | 'data'; after?: number },
  ): void;
  /** Refuses `RCPT TO:<address>` with `code` (400-599) until {@link SmtpSinkFaults.reset}. */
  rejectRecipient(address: string, code: number, message: string): void;
  /** Waits `ms` before greeting each new connection (0 turns it off), to trigger a client's greeting timeout. */
  slowGreeting(ms: number): void;
  /**
   * Stops accepting connections and drops the open ones (clients see "connection refused"), keeping the port
   * and everything received so far. Resolves once the port is closed.
   */
  down(): Promise<void>;
  /** Listens again on the same port after {@link SmtpSinkFaults.down}. */
  up(): Promise<void>;
  /** Clears pending rejections, refused recipients and the slow greeting. Does not call `up()`. */
  reset(): void;
}

/** A running SMTP sink. Always {@link SmtpSink.close} it (e.g. in `afterAll`). */
export interface SmtpSink {
  readonly host: typeof SMTP_SINK_HOST;
  readonly port: number;
  /** PEM of the self-signed certificate when `tls` was set: give it to the client as its CA. */
  readonly ca: string | undefined;
  /** Messages accepted so far, in order. A message is here before the client sees `250`. */
  readonly messages: ReceivedMail[];
  /** Connections accepted so far (a pooled client opens few). */
  readonly connectionCount: number;
  /** False between `faults.down()` and `faults.up()`. */
  readonly isUp: boolean;
  readonly faults: SmtpSinkFaults;
  /** Resolves with {@link SmtpSink.messages} once at least `count` arrived; rejects after `timeoutMs` (5 s). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Forgets the messages received so far. */
  clear(): void;
  /** Drops every connection and frees the port. */
  close(): Promise<void>;
}

interface Waiter {
  count: number;
  resolve: (messages: ReceivedMail[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface Rejection {
  code: number;
  message: string;
  at: 'mail' | 'data';
  /** Messages still to accept before this rejection applies. */
  after: number;
}

const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;

/**
 * Starts an SMTP sink on 127.0.0.1 (port 0 unless `options.port`).
 *
 * @example
 * const sink = await startSmtpSink({ auth: { user: 'bot', pass: 's3cret' } });
 * // …send mail to sink.host:sink.port…
 * const [mail] = await sink.waitFor(1);
 * await sink.close();
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  checkOptions(options);
  const credentials = createSelfSignedCertificate(options.tls);
  const messages: ReceivedMail[] = [];
  const waiters = new Set<Waiter>();
  const sockets = new Set<Socket>();
  const greetingTimers = new Set<NodeJS.Timeout>();
  const rejections: Rejection[] = [];
  const refusedRecipients = new Map<string, { code: number; message: string }>();
  let greetingDelayMs = 0;
  let connectionCount = 0;
  let listening = false;
  let closed = false;

  const settleWaiters = (): void => {
    for (const waiter of waiters) {
      if (messages.length < waiter.count) continue;
      clearTimeout(waiter.timer);
      waiters.delete(waiter);
      waiter.resolve(messages);
    }
  };

  const serverOptions: SMTPServerOptions = {
    name: options.serverName ?? 'smtp-sink.test',
    logger: false,
    // Reverse DNS of 127.0.0.1 would only slow every connection down.
    disableReverseLookup: true,
    size: options.maxMessageBytes ?? DEFAULT_MAX_BYTES,
    rejectOversized: true,
    secure: options.tls === 'implicit',
    hideSTARTTLS: options.tls !== 'starttls',
    authOptional: options.auth === undefined,
    authMethods: ['PLAIN', 'LOGIN'],
    // Loopback test traffic: let a client authenticate on a plain connection too.
    allowInsecureAuth: true,
    // Refuse what is not configured outright: hiding STARTTLS alone would still let a client upgrade with
    // smtp-server's built-in (expired) certificate.
    disabledCommands: [
      ...(options.auth ? [] : ['AUTH']),
      ...(options.tls === 'starttls' ? [] : ['STARTTLS']),
    ],
    ...(credentials ? { key: credentials.key, cert: credentials.cert } : {}),
    onConnect(_session, callback) {
      if (greetingDelayMs <= 0) return callback();
      const timer = setTimeout(() => {
        greetingTimers.delete(timer);
        callback();
      }, greetingDelayMs);
      greetingTimers.add(timer);
    },
    onAuth(auth, _session, callback) {
      const expected = options.auth;
      if (expected && auth.username === expected.user && sameSecret(auth.password ?? '', expected.pass)) {
        return callback(null, { user: auth.username });
      }
      callback(smtpError(535, 'Authentication credentials invalid'));
    },
    onMailFrom(_address, _session, callback) {
      const rejection = takeRejection(rejections, 'mail');
      callback(rejection ? smtpError(rejection.code, rejection.message) : undefined);
    },
    onRcptTo(address, _session, callback) {
      const refusal = refusedRecipients.get(address.address.toLowerCase());
      callback(refusal ? smtpError(refusal.code, refusal.message) : undefined);
    },
    onData(stream, session, callback) {
      receive(stream, session).then(
        (mail) => {
          const rejection = takeRejection(rejections, 'data');
          if (rejection) return callback(smtpError(rejection.code, rejection.message));
          if (!mail) return callback(smtpError(552, 'Message exceeds the sink size limit'));
          messages.push(mail);
          settleWaiters();
          callback();
        },
        (error: unknown) =>
          callback(smtpError(451, `SMTP sink could not parse the message: ${String(error)}`)),
      );
    },
  };
  let server = createServer(serverOptions, sockets, () => {
    connectionCount += 1;
  });
  const port = await listen(server, options.port ?? 0);
  listening = true;

  const dropConnections = (): void => {
    for (const timer of greetingTimers) clearTimeout(timer);
    greetingTimers.clear();
    for (const socket of sockets) socket.destroy();
  };

  const stopListening = async (): Promise<void> => {
    if (!listening) return;
    listening = false;
    const stopped = new Promise<void>((resolve) => server.server.close(() => resolve()));
    dropConnections();
    await stopped;
  };

  const faults: SmtpSinkFaults = {
    rejectNext(count, code, message, { at = 'data', after = 0 } = {}) {
      checkReplyCode(code, 'faults.rejectNext');
      if (!Number.isInteger(count) || count < 1) {
        throw new RangeError(
          `SMTP sink faults.rejectNext: count must be a whole number ≥ 1, got ${String(count)}`,
        );
      }
      if (!Number.isInteger(after) || after < 0) {
        throw new RangeError(
          `SMTP sink faults.rejectNext: after must be a whole number ≥ 0, got ${String(after)}`,
        );
      }
      if (at !== 'mail' && at !== 'data') {
        throw new TypeError(
          `SMTP sink faults.rejectNext: at must be 'mail' or 'data', got ${JSON.stringify(at)}`,
        );
      }
      for (let i = 0; i < count; i += 1) rejections.push({ code, message, at, after: i === 0 ? after : 0 });
    },
    rejectRecipient(address, code, message) {
      checkReplyCode(code, 'faults.rejectRecipient');
      refusedRecipients.set(address.toLowerCase(), { code, message });
    },
    slowGreeting(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError(`SMTP sink faults.slowGreeting: ms must be a number ≥ 0, got ${String(ms)}`);
      }
      greetingDelayMs = ms;
    },
    down: stopListening,
    async up() {
      if (closed) throw new Error('SMTP sink faults.up(): the sink is closed; start a new one');
      if (listening) return;
      // A fresh server: the old one's bookkeeping of dropped connections stays behind with it.
      server = createServer(serverOptions, sockets, () => {
        connectionCount += 1;
      });
      try {
        await listen(server, port);
      } catch (error) {
        throw new Error(
          `SMTP sink faults.up(): could not listen again on ${SMTP_SINK_HOST}:${port} (${String(error)}); another process took the port while the sink was down`,
          { cause: error },
        );
      }
      listening = true;
    },
    reset() {
      rejections.length = 0;
      refusedRecipients.clear();
      greetingDelayMs = 0;
    },
  };

  return {
    host: SMTP_SINK_HOST,
    port,
    ca: credentials?.cert,
    messages,
    get connectionCount() {
      return connectionCount;
    },
    get isUp() {
      return listening;
    },
    faults,
    waitFor(count, timeoutMs = 5_000) {
      if (messages.length >= count) return Promise.resolve(messages);
      if (closed) return Promise.reject(new Error('SMTP sink waitFor(): the sink is closed'));
      return new Promise<ReceivedMail[]>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `SMTP sink waitFor(${count}): only ${messages.length} message(s) arrived within ${timeoutMs} ms on ${SMTP_SINK_HOST}:${port}`,
            ),
          );
        }, timeoutMs);
        const waiter: Waiter = { count, resolve, reject, timer };
        waiters.add(waiter);
      });
    },
    clear() {
      messages.length = 0;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`SMTP sink closed while waiting for ${waiter.count} message(s)`));
      }
      waiters.clear();
      await stopListening();
      dropConnections();
    },
  };
}

function createServer(
  options: SMTPServerOptions,
  sockets: Set<Socket>,
  onConnection: () => void,
): SMTPServer {
  const server = new SMTPServer(options);
  // Clients that vanish mid-session make smtp-server emit errors; a sink must not crash the test run on them.
  server.on('error', () => {});
  server.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    onConnection();
  });
  return server;
}

function listen(server: SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.server.once('error', onError);
    server.listen(port, SMTP_SINK_HOST, () => {
      server.server.off('error', onError);
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

async function receive(
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
): Promise<ReceivedMail | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  if (stream.sizeExceeded) return undefined;
  const raw = Buffer.concat(chunks);
  const parsed = await simpleParser(raw, { skipTextToHtml: true });
  const to = addresses(parsed.to);
  const cc = addresses(parsed.cc);
  const named = new Set([...to, ...cc].map((entry) => entry.address.toLowerCase()));
  const rcptTo = session.envelope.rcptTo.map((entry) => entry.address);
  return {
    envelope: { mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', rcptTo },
    from: addresses(parsed.from),
    to,
    cc,
    bcc: rcptTo.filter((address) => !named.has(address.toLowerCase())),
    subject: parsed.subject,
    text: parsed.text,
    html: typeof parsed.html === 'string' ? parsed.html : undefined,
    messageId: parsed.messageId,
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: attachment.content,
      size: attachment.size,
    })),
    headers: parsed.headers,
    headerLines: parsed.headerLines,
    raw,
    size: raw.length,
    secure: session.secure,
    authUser: typeof session.user === 'string' ? session.user : undefined,
    parsed,
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): ReceivedAddress[] {
  const out: ReceivedAddress[] = [];
  const visit = (entries: AddressObject['value']): void => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      else if (entry.address) out.push({ address: entry.address, name: entry.name });
    }
  };
  for (const object of field === undefined ? [] : Array.isArray(field) ? field : [field]) visit(object.value);
  return out;
}

/**
 * The first pending rejection meant for this stage of the transaction, removed from the queue; undefined when there
 * is none, or when it is still letting messages through (`after`).
 */
function takeRejection(rejections: Rejection[], at: Rejection['at']): Rejection | undefined {
  const index = rejections.findIndex((rejection) => rejection.at === at);
  const rejection = rejections[index];
  if (!rejection) return undefined;
  if (rejection.after > 0) {
    rejection.after -= 1;
    return undefined;
  }
  return rejections.splice(index, 1)[0];
}

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function checkReplyCode(code: number, where: string): void {
  if (!Number.isInteger(code) || code < 400 || code > 599) {
    throw new RangeError(
      `SMTP sink ${where}: code must be an SMTP error reply from 400 to 599 (4xx transient, 5xx permanent), got ${String(code)}`,
    );
  }
}

function checkOptions(options: SmtpSinkOptions): void {
  if (options.auth && (!options.auth.user || !options.auth.pass)) {
    throw new TypeError(
      'SMTP sink: auth needs a non-empty user and pass; leave auth out to accept mail without AUTH',
    );
  }
  if (options.tls !== undefined && options.tls !== 'starttls' && options.tls !== 'implicit') {
    throw new TypeError(
      `SMTP sink: tls must be 'starttls' or 'implicit', got ${JSON.stringify(options.tls)}`,
    );
  }
  const max = options.maxMessageBytes;
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) {
    throw new RangeError(
      `SMTP sink: maxMessageBytes must be a whole number of bytes ≥ 1, got ${String(max)}`,
    );
  }
  const port = options.port;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    throw new RangeError(`SMTP sink: port must be 0 (any free port) or 1-65535, got ${String(port)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Self-signed certificate. Node can sign but not build X.509, and the workspace has no certificate library, so the
// few DER structures a TLS server certificate needs are written here. A fresh EC P-256 key per sink means no
// private key is committed anywhere and no certificate can expire under a long-lived checkout.
// ---------------------------------------------------------------------------------------------------------------

function createSelfSignedCertificate(
  mode: SmtpSinkOptions['tls'],
): { key: string; cert: string } | undefined {
  if (!mode) return undefined;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ecdsaWithSha256 = derSequence(derOid('1.2.840.10045.4.3.2'));
  const name = derSequence(
    derSet(derSequence(derOid('2.5.4.3'), derTagged(0x0c, Buffer.from('TQ Alert SMTP sink')))),
  );
  const now = Date.now();
  const serial = randomBytes(8);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01; // positive and without a leading zero byte
  const subjectAltName = derSequence(
    derTagged(0x82, Buffer.from('localhost')),
    derTagged(0x87, Buffer.from([127, 0, 0, 1])),
  );
  const tbs = derSequence(
    derTagged(0xa0, derTagged(0x02, Buffer.from([2]))), // X.509 v3
    derTagged(0x02, serial),
    ecdsaWithSha256,
    name,
    derSequence(derUtcTime(new Date(now - 3_600_000)), derUtcTime(new Date(now + 7 * 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    derTagged(0xa3, derSequence(derSequence(derOid('2.5.29.17'), derTagged(0x04, subjectAltName)))),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = derSequence(
    tbs,
    ecdsaWithSha256,
    derTagged(0x03, Buffer.concat([Buffer.from([0]), signature])),
  );
  const base64 = certificate.toString('base64').replace(/(.{64})/g, '$1\n');
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`,
  };
}

function derTagged(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  let length: Buffer;
  if (body.length < 0x80) {
    length = Buffer.from([body.length]);
  } else {
    const bytes: number[] = [];
    for (let rest = body.length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

function derSequence(...parts: Buffer[]): Buffer {
  return derTagged(0x30, ...parts);
}

function derSet(...parts: Buffer[]): Buffer {
  return derTagged(0x31, ...parts);
}

function derOid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc % 128];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128))
      chunk.unshift((value % 128) | 0x80);
    bytes.push(...chunk);
  }
  return derTagged(0x06, Buffer.from(bytes));
}

function derUtcTime(date: Date): Buffer {
  const iso = date.toISOString(); // 2026-01-02T03:04:05.678Z → 260102030405Z
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return derTagged(0x17, Buffer.from(text));
}
