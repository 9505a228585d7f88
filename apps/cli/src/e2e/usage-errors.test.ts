// 15.5: usage mistakes get the project's own messages, with the closest command or flag, as JSON under --json.
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('usage errors', () => {
  it('15.5 an unknown option says which command, suggests the closest flag, and exits 2', async () => {
    const result = await runCli(['outbox', 'list', '--cnofig', 'tqalert.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'error: unknown option --cnofig for "tqalert outbox list"; did you mean --config?',
    );
    expect(result.stderr).not.toMatch(/positional argument/);
    expect(result.stdout).toBe('');
  });

  it('15.5 under --json the same error is one JSON document on stdout', async () => {
    const result = await runCli(['izoologic', 'send-message', '--mesage', 'hi', '--json']);
    expect(result.code).toBe(2);
    expect(result.json()).toEqual({
      ok: false,
      error: expect.stringContaining(
        'unknown option --mesage for "tqalert izoologic send-message"; did you mean --message?',
      ),
    });
  });

  it('15.5 tqalert izoologic --help lists the subcommands and exits 0', async () => {
    const result = await runCli(['izoologic', '--help']);
    expect(result.code).toBe(0);
    for (const sub of ['send-message', 'approve-takedown', 'mark-reviewed', 'move-case'])
      expect(result.stdout).toMatch(new RegExp(`^  ${sub} `, 'm'));
  });

  it('15.5 a mistyped subcommand or command gets "did you mean"', async () => {
    const sub = await runCli(['izoologic', 'send-mesage', '--case', 'INC1']);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain('did you mean "izoologic send-message"?');
    const top = await runCli(['outbx', 'list']);
    expect(top.code).toBe(2);
    expect(top.stderr).toContain('did you mean "outbox"?');
  });

  it('15.5 usage lines mark optional flags, and outbox --help lists --config', async () => {
    const send = await runCli(['izoologic', 'send-message', '--help']);
    expect(send.stdout).toMatch(
      /^Usage: tqalert izoologic send-message --case <id> --message <text> \[--subject <text>\]/m,
    );
    const outbox = await runCli(['outbox', '--help']);
    expect(outbox.code).toBe(0);
    expect(outbox.stdout).toMatch(/^ {2}-c, --config <file> /m);
    expect(outbox.stdout).toMatch(/^ {2}list /m);
  });
});
