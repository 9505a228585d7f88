import type { ParseArgsConfig } from 'node:util';
import type { Redactor } from '@tqalert/core';
import type { Output } from './output.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** What a command's `run` gets. */
export interface CommandContext {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  out: Output;
  /** The scrubber of everything the command prints: every secret the command learns is added to it. */
  redactor: Redactor;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** One `tqalert` command. Its module is imported only when the command runs (fast start-up). */
export interface Command {
  /** Words after `tqalert`, e.g. `['izoologic', 'send-message']`. */
  path: string[];
  summary: string;
  /** Usage line(s) after the command name, e.g. `--case <id> --subject <text>`. */
  usage: string;
  /** Option help lines: `[flags, description]`. */
  help: Array<[string, string]>;
  examples: string[];
  options: OptionSpec;
  /** Resolves with the exit code: 0 success, 1 remote or operation failure, 2 usage/validation/config error. */
  run(ctx: CommandContext): Promise<number>;
}

/** Common flags every command accepts. */
export const COMMON_OPTIONS: OptionSpec = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string', short: 'c' },
  dotenv: { type: 'string' },
};

/** The help line of `--config` for commands that read a worker config. */
export const CONFIG_HELP: [string, string] = [
  '-c, --config <file>',
  'the worker config (or $TQALERT_CONFIG)',
];
