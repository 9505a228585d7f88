import { parseArgs } from 'node:util';
import { ConfigError, describeError, Redactor, UpstreamHttpError, ValidationError } from '@tqalert/core';
import { COMMON_OPTIONS, type Command } from './cli/command.js';
import { groupHelp, isGroup, unknownCommandMessage } from './cli/command-lookup.js';
import { withDotenvFile } from './cli/dotenv-file.js';
import { Output } from './cli/output.js';
import { parseFailureMessage } from './cli/parse-failure.js';
import { UsageError } from './cli/usage-error.js';
import { COMMANDS } from './commands/registry.js';

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(' ').length));
  const lines = COMMANDS.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
  return `Usage: tqalert <command> [options]

TQ Alert from a terminal: iZoologic case actions, free-form email, and the alert pipeline's tools.

Commands:
${lines.join('\n')}

Every command takes --help (with an example) and --json (machine output).
Exit codes: 0 success, 1 the remote side or the operation failed, 2 a usage, validation or config error.

Example:
  tqalert izoologic send-message --case INC123456 --subject "Status?" --message "Any update on the takedown?"
`;
}

function commandHelp(command: Command): string {
  const width = Math.max(...command.help.map(([flags]) => flags.length), 12);
  const options = [
    ...command.help,
    ['--json', 'print the result as JSON'] as [string, string],
    [
      '--dotenv <file>',
      'read variables from a dotenv file, e.g. .tqalert/demo/.env (or $TQALERT_ENV_FILE)',
    ] as [string, string],
    ['-h, --help', 'this help'] as [string, string],
  ].map(([flags, text]) => `  ${flags.padEnd(width)}  ${text}`);
  return `Usage: tqalert ${command.path.join(' ')} ${command.usage}

${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.

Options:
${options.join('\n')}

Example${command.examples.length > 1 ? 's' : ''}:
${command.examples.map((e) => `  ${e}`).join('\n')}
`;
}

/** Maps an error to its exit code: 2 for what the user can fix in the command or config, 1 otherwise. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || ConfigError.isInstance(error) || ValidationError.isInstance(error))
    return 2;
  return 1;
}

/** Runs `tqalert` with `argv`; resolves with the exit code. */
export async function main(
  argv: string[],
  version: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (argv[0] === '--version' || argv[0] === '-v') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(topHelp());
    return argv.length === 0 ? 2 : 0;
  }
  const entry = COMMANDS.filter((c) => c.path.every((word, i) => argv[i] === word)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
  if (!entry) {
    if (isGroup(argv[0], COMMANDS) && ['--help', '-h', 'help'].includes(argv[1] ?? '')) {
      // outbox, dead-letters and silence are one module each: its help has the flags of every subcommand.
      const first = COMMANDS.find((c) => c.path[0] === argv[0]);
      const shared = first ? (await first.load()).default : undefined;
      process.stdout.write(
        shared?.path.length === 1 ? commandHelp(shared) : groupHelp(argv[0] as string, COMMANDS),
      );
      return 0;
    }
    usageOutput(argv, env).error(unknownCommandMessage(argv, COMMANDS));
    return 2;
  }
  const command = (await entry.load()).default;
  const rest = argv.slice(entry.path.length);
  const redactor = new Redactor();
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...COMMON_OPTIONS, ...command.options },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const out = usageOutput(rest, env);
    out.error(parseFailureMessage(error, entry.path.join(' '), { ...COMMON_OPTIONS, ...command.options }));
    if (!out.json) process.stderr.write(`Usage: tqalert ${command.path.join(' ')} ${command.usage}\n`);
    return 2;
  }
  const values = { ...parsed.values, __command: entry.path.join(' ') } as Record<
    string,
    string | boolean | string[] | undefined
  >;
  if (values.help) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  const out = new Output({ json: Boolean(values.json), env }, redactor);
  try {
    const cwd = process.cwd();
    const runEnv = withDotenvFile((values.dotenv as string | undefined) ?? env.TQALERT_ENV_FILE, env, cwd);
    return await command.run({ values, positionals: parsed.positionals, out, redactor, env: runEnv, cwd });
  } catch (error) {
    const code = exitCodeFor(error);
    const details: Record<string, unknown> = {};
    if (ConfigError.isInstance(error) || ValidationError.isInstance(error)) details.issues = error.issues;
    if (UpstreamHttpError.isInstance(error)) details.status = error.status;
    if (error && typeof error === 'object' && 'code' in error)
      details.code = (error as { code: unknown }).code;
    out.error(describeErrorText(error), details);
    return code;
  }
}

/** Where a usage error goes before the flags are parsed: JSON on stdout when `--json` is among them. */
function usageOutput(args: readonly string[], env: NodeJS.ProcessEnv): Output {
  return new Output({ json: args.includes('--json'), env }, new Redactor());
}

function describeErrorText(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  if (ConfigError.isInstance(error)) return error.message;
  return describeError(error).replace(/^[A-Z_]+: /, '');
}
