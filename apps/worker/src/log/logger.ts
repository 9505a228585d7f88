import type { Logger } from '@tqalert/core';
import { Redactor } from '@tqalert/core';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

export interface LoggerOptions {
  level?: LogLevel;
  /** `json` (one object a line), `pretty` (for a terminal), or `auto` (pretty on a TTY). */
  format?: 'json' | 'pretty' | 'auto';
  redactor?: Redactor;
  write?: (line: string) => void;
  fields?: Record<string, unknown>;
}

/** A JSON-lines logger (pretty on a terminal) that scrubs secrets from every line. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = LEVELS[options.level ?? 'info'];
  const redactor = options.redactor ?? new Redactor();
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const pretty =
    options.format === 'pretty' || ((options.format ?? 'auto') === 'auto' && Boolean(process.stderr.isTTY));
  const base = options.fields ?? {};
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < min) return;
    const record = redactor.value({
      time: new Date().toISOString(),
      level,
      msg: message,
      ...base,
      ...fields,
    });
    if (!pretty) {
      write(JSON.stringify(record));
      return;
    }
    const { time, level: _l, msg, ...rest } = record as Record<string, unknown>;
    const extra = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    write(
      `${String(time).slice(11, 19)} ${level.toUpperCase().padEnd(5)} ${String(msg)}${extra ? `  ${extra}` : ''}`,
    );
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ ...options, redactor, fields: { ...base, ...fields } }),
  };
}
