import { Redactor } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { createLogger, type LoggerOptions } from './logger.js';

function capture(options: LoggerOptions = {}) {
  const lines: string[] = [];
  const logger = createLogger({ format: 'json', ...options, write: (line) => lines.push(line) });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the worker logger (pino)', () => {
  it('writes one JSON object a line: ISO time, the level as a word, msg, and the fields of the logger and the call', () => {
    const { logger, records } = capture({ fields: { app: 'worker' } });
    logger.child({ plugin: 'soc-slack' }).info('delivered', { deliveryId: 7 });
    const [record] = records();
    expect(record).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: 'info',
      msg: 'delivered',
      app: 'worker',
      plugin: 'soc-slack',
      deliveryId: 7,
    });
  });

  it('drops lines below the level', () => {
    const { logger, records } = capture({ level: 'warn' });
    logger.info('quiet');
    logger.debug('quieter');
    logger.error('loud');
    expect(records().map((r) => [r.level, r.msg])).toEqual([['error', 'loud']]);
  });

  it('scrubs registered secrets from the message and every string field, even ones registered after the logger was made', () => {
    const redactor = new Redactor();
    const { logger, lines } = capture({ redactor });
    const child = logger.child({ url: 'https://hooks.example/T0/late-secret-1234' });
    redactor.add('xoxb-secret-token-99', 'late-secret-1234');
    child.warn('slack said invalid_auth for xoxb-secret-token-99', {
      error: new Error('token xoxb-secret-token-99 revoked'),
      nested: { deeper: ['xoxb-secret-token-99'] },
    });
    expect(lines.join('\n')).not.toMatch(/xoxb-secret-token-99|late-secret-1234/);
    expect(lines[0]).toContain('[REDACTED]');
  });

  it('masks secret-looking keys, including secretKey, signingKey and hmacKey (pino redact)', () => {
    const { logger, records } = capture();
    logger.info('connecting', {
      password: 'p4ssw0rd!',
      izoologic: { host: 'api.example', secretKey: 'sk-1', apiKey: 'ak-1' },
      webhook: { signingKey: 'sig-1', hmacKey: 'h-1' },
    });
    expect(records()[0]).toMatchObject({
      password: '[REDACTED]',
      izoologic: { host: 'api.example', secretKey: '[REDACTED]', apiKey: '[REDACTED]' },
      webhook: { signingKey: '[REDACTED]', hmacKey: '[REDACTED]' },
    });
  });

  it('11.8 pretty lines (pino-pretty) carry no escape sequences, control or bidi characters from upstream text', () => {
    const { logger, lines } = capture({ format: 'pretty' });
    logger.warn('title \u001b]0;owned\u0007\u001b[31mred\u001b[0m\r\nforged line \u202emoc.elgoog', {
      title: 'x\u001b[2Jy\u2066z',
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('WARN');
    expect(lines[0]).toContain('title red forged line moc.elgoog');
    expect(lines[0]).toContain('xyz');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters.
    expect(lines[0]).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});
