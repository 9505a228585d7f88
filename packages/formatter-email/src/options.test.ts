import { ConfigError, isPluginDefinition, NotificationTypes, validateWithSchema } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { EmailFormatter } from './email-formatter.js';
import definition from './index.js';

describe('options', () => {
  it('fills defaults', () => {
    expect(new EmailFormatter().options).toEqual({
      notificationType: NotificationTypes.WATCHLIST,
      defang: true,
      maxHtmlBytes: 100_000,
      maxSubjectLength: 150,
      subjectPrefix: '[TQ Alert]',
    });
    expect(new EmailFormatter(NotificationTypes.DATA_COLLECTION).notificationType).toBe('DATA_COLLECTION');
  });

  it('names every bad option with a fix', () => {
    let error: unknown;
    try {
      new EmailFormatter({ threatqUrl: 'javascript:alert(1)', maxHtmlBytes: 5_000, colour: 'red' } as never);
    } catch (caught) {
      error = caught;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    const issues = (error as ConfigError).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'threatqUrl', message: 'must be an http(s) URL such as https://threatq.example.com' },
        {
          path: 'maxHtmlBytes',
          message: 'must be at least 30000 bytes so one alert and the message frame fit',
        },
        expect.objectContaining({ path: '(root)', message: expect.stringContaining('colour') }),
      ]),
    );
    expect((error as Error).message).toContain('@tqalert/formatter-email options');
  });
});

describe('plugin definition', () => {
  it('is the default export, a formatter named after the package', async () => {
    expect(isPluginDefinition(definition)).toBe(true);
    expect(definition.kind).toBe('formatter');
    expect(definition.name).toBe('@tqalert/formatter-email');
    const validated = await validateWithSchema(definition.options, { threatqUrl: 'https://tq.example.com' });
    if (!validated.ok) throw new Error(JSON.stringify(validated.issues));
    const formatter = await definition.create(validated.value, {} as never);
    expect(formatter).toBeInstanceOf(EmailFormatter);
    expect((formatter as EmailFormatter).options.threatqUrl).toBe('https://tq.example.com');
  });
});
