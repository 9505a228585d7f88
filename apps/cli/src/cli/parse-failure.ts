import type { OptionSpec } from './command.js';
import { didYouMean } from './did-you-mean.js';

/** Node's parseArgs error codes, and the option named in their message. */
const UNKNOWN = 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
const NAMED_OPTION = /'(-{1,2}[^'\s]+)[^']*'/;

/**
 * The project's own wording for a flag parseArgs refused: an unknown option with the closest known one, a
 * value-taking option given none, a stray positional. `options` are the command's flags (common ones included).
 */
export function parseFailureMessage(error: unknown, command: string, options: OptionSpec): string {
  const code = (error as { code?: string }).code;
  const raw = (error as Error).message;
  const flag = NAMED_OPTION.exec(raw)?.[1];
  if (code === UNKNOWN && flag) {
    const known = Object.entries(options).flatMap(([name, spec]) => [
      `--${name}`,
      ...(spec.short ? [`-${spec.short}`] : []),
    ]);
    const guess = didYouMean(flag.replace(/=.*$/, ''), known);
    return `unknown option ${flag} for "tqalert ${command}"${guess ? `; did you mean ${guess}?` : ''} (see tqalert ${command} --help)`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
    // "Option '-c, --config <value>' argument missing": name the long form.
    const name = /--[\w-]+/.exec(raw)?.[0] ?? flag;
    return `${name} needs a value, e.g. ${name} <value> (see tqalert ${command} --help)`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return `unexpected argument ${NAMED_OPTION.exec(raw)?.[1] ?? ''} for "tqalert ${command}": quote values with spaces (see tqalert ${command} --help)`;
  }
  return `${raw.replace(/\.$/, '')} (see tqalert ${command} --help)`;
}
