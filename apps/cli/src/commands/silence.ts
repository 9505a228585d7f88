import { userInfo } from 'node:os';
import type { SilenceMatchers } from '@tqalert/core';
import { parseDuration } from '@tqalert/worker/duration';
import { CONFIG_HELP, type Command } from '../cli/command.js';
import { requireFlag } from '../cli/flags.js';
import { UsageError } from '../cli/usage-error.js';
import { openStore } from '../cli/worker-config.js';

const command: Command = {
  path: ['silence'],
  summary: 'mute matching alerts for a while, list silences, or end one',
  usage:
    'add --reason <text> --for <duration> [matchers] | list [--all] | expire --id <id>; each with --config <file>',
  help: [
    ['--service <id>', 'match alerts of this service'],
    ['--collection <name>', 'match objects of this collection (indicators, events, …)'],
    ['--value <pattern>', 'match object values; * is a wildcard'],
    ['--tag <tag>', 'match alerts with this tag'],
    ['--max-score <n>', 'match alerts whose score is at most n'],
    ['--for <duration>', 'how long (e.g. 4h, 2d)'],
    ['--reason <text>', 'why (kept for the audit trail)'],
    ['--author <name>', 'who (default: your user name)'],
    ['--all', 'with list: include expired silences'],
    ['--id <id>', 'with expire: the silence to end'],
    CONFIG_HELP,
  ],
  examples: [
    'tqalert silence add --value "198.51.100.*" --for 4h --reason "pen test" --config tqalert.yaml',
    'tqalert silence expire --id s3 --config tqalert.yaml',
  ],
  options: {
    service: { type: 'string' },
    collection: { type: 'string' },
    value: { type: 'string' },
    tag: { type: 'string' },
    'max-score': { type: 'string' },
    for: { type: 'string' },
    reason: { type: 'string' },
    author: { type: 'string' },
    all: { type: 'boolean' },
    id: { type: 'string' },
  },
  async run(ctx) {
    const action = String(ctx.values.__command).split(' ')[1];
    const v = ctx.values;
    const now = new Date();
    if (action === 'add') {
      const reason = requireFlag(v, 'reason', 'say why, e.g. --reason "pen test"');
      const forText = requireFlag(v, 'for', 'how long, e.g. --for 4h');
      const ms = parseDuration(forText);
      if (ms === undefined || ms <= 0)
        throw new UsageError(`--for takes a duration like 30m, 4h or 2d (got "${forText}")`);
      const matchers: SilenceMatchers = {};
      for (const key of ['service', 'collection', 'value', 'tag'] as const)
        if (typeof v[key] === 'string') matchers[key] = v[key] as string;
      if (typeof v['max-score'] === 'string') {
        const n = Number(v['max-score']);
        if (!Number.isFinite(n)) throw new UsageError(`--max-score takes a number (got "${v['max-score']}")`);
        matchers.maxScore = n;
      }
      if (Object.keys(matchers).length === 0) {
        throw new UsageError(
          'give at least one matcher: --service, --collection, --value, --tag or --max-score',
        );
      }
      const store = await openStore(ctx, ctx.redactor);
      try {
        const silence = await store.addSilence({
          matchers,
          reason,
          author: (v.author as string | undefined) ?? userInfo().username,
          expiresAt: new Date(now.getTime() + ms).toISOString(),
        });
        ctx.out.result({ ok: true, silence });
        ctx.out.ok(`silence ${silence.id} until ${silence.expiresAt}`);
        return 0;
      } finally {
        await store.close();
      }
    }
    const store = await openStore(ctx, ctx.redactor);
    try {
      if (action === 'list') {
        const silences = await store.listSilences({ now, includeExpired: Boolean(v.all) });
        ctx.out.result({ ok: true, silences });
        if (silences.length === 0) ctx.out.line(v.all ? 'no silences' : 'no active silences');
        for (const s of silences) {
          const m = Object.entries(s.matchers)
            .map(([k, val]) => `${k}=${val}`)
            .join(' ');
          ctx.out.line(
            `${s.id}\t${m}\tuntil ${s.expiresAt}${s.expiredAt ? ` (expired ${s.expiredAt} by ${s.expiredBy})` : ''}\tby ${s.author}: ${s.reason}`,
          );
        }
        return 0;
      }
      const id = requireFlag(v, 'id', 'the silence to end, from tqalert silence list');
      const ended = await store.expireSilence(id, {
        by: (v.author as string | undefined) ?? userInfo().username,
        now,
      });
      ctx.out.result({ ok: ended, id });
      if (!ended) {
        ctx.out.error(`no active silence "${id}": see tqalert silence list --all`);
        return 1;
      }
      ctx.out.ok(`silence ${id} ended`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
export default command;
