import { createRequire } from 'node:module';
import type { Logger } from '@tqalert/core';
import { Redactor } from '@tqalert/core';
import { type DestinationStream, pino } from 'pino';
import type PinoPretty from 'pino-pretty';
import { stripControlChars } from './control-chars.js';
import { PINO_REDACT } from './secret-keys.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LoggerOptions {
  level?: LogLevel;
  /** `json` (one object a line), `pretty` (for a terminal, via pino-pretty), or `auto` (pretty on a TTY). */
  format?: 'json' | 'pretty' | 'auto';
  redactor?: Redactor;
  /** Where lines go (one call per line, without the newline); stderr by default. */
  write?: (line: string) => void;
  fields?: Record<string, unknown>;
}

const require = createRequire(import.meta.url);

/** Keeps a pretty line to one line of plain text: no escapes, controls or bidi from upstream values. */
function plain(value: unknown): unknown {
  if (typeof value === 'string') return stripControlChars(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

function destination(options: LoggerOptions, pretty: boolean): DestinationStream {
  const sink: DestinationStream = options.write
    ? { write: (line: string) => options.write?.(line.replace(/\n$/, '')) }
    : // Synchronous: the binaries end with process.exit, which must not drop the last lines.
      pino.destination({ dest: 2, sync: true });
  if (!pretty) return sink;
  // Loaded only for a terminal, and only at the first line: scripts, the JSON log path and a quiet CLI command
  // never pay for it (it is a fifth of a CLI action's start-up). pino-pretty's factory turns each JSON line into
  // its pretty form in this thread, so lines stay in order and survive process.exit.
  let prettify: ((line: string) => string) | undefined;
  return {
    write: (line: string) => {
      prettify ??= (require('pino-pretty') as typeof PinoPretty).prettyFactory({
        colorize: !options.write && Boolean(process.stderr.isTTY) && process.env.NO_COLOR === undefined,
        translateTime: 'HH:MM:ss',
        ignore: 'pid,hostname',
        singleLine: true,
      });
      sink.write(prettify(line));
    },
  };
}

/**
 * A pino logger behind the `Logger` interface of @tqalert/core: JSON lines (`time` ISO, `level` as a word,
 * `msg`, then the fields), or pino-pretty on a terminal. Secrets never get out: pino's `redact` masks
 * secret-looking keys, and the Redactor masks its key pattern at any depth and scrubs registered secrets from
 * the message and every string field at the moment of writing (so a secret registered later is scrubbed too).
 * Pretty lines are also stripped of control characters, escape sequences and bidi controls.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const redactor = options.redactor ?? new Redactor();
  const pretty =
    options.format === 'pretty' || ((options.format ?? 'auto') === 'auto' && Boolean(process.stderr.isTTY));
  const base = pino(
    {
      level: options.level ?? 'info',
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: PINO_REDACT,
    },
    destination(options, pretty),
  );
  return wrap(base, redactor, pretty, options.fields ?? {});
}

function wrap(
  base: pino.Logger,
  redactor: Redactor,
  pretty: boolean,
  bound: Record<string, unknown>,
): Logger {
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (!base.isLevelEnabled(level)) return;
    const record = redactor.value({ ...bound, ...fields });
    const msg = redactor.text(message);
    if (pretty) base[level](plain(record) as object, stripControlChars(msg));
    else base[level](record, msg);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => wrap(base, redactor, pretty, { ...bound, ...fields }),
  };
}
