import { didYouMean } from './did-you-mean.js';

/** A command as the registry lists it: its words and one line about it. */
export interface CommandEntry {
  path: string[];
  summary: string;
}

/** `tqalert <group> --help`: the group's subcommands with their summaries. */
export function groupHelp(group: string, entries: readonly CommandEntry[]): string {
  const members = entries.filter((c) => c.path[0] === group && c.path.length > 1);
  const width = Math.max(...members.map((c) => c.path.slice(1).join(' ').length));
  return `Usage: tqalert ${group} <subcommand> [options]

Subcommands:
${members.map((c) => `  ${c.path.slice(1).join(' ').padEnd(width)}  ${c.summary}`).join('\n')}

Run tqalert ${group} <subcommand> --help for its options and an example.
`;
}

/** Whether `word` names a group of subcommands (`izoologic`, `outbox`, …). */
export function isGroup(word: string | undefined, entries: readonly CommandEntry[]): boolean {
  return entries.some((c) => c.path[0] === word && c.path.length > 1);
}

/** The error for words that name no command: the closest command (or subcommand) when one is near. */
export function unknownCommandMessage(argv: readonly string[], entries: readonly CommandEntry[]): string {
  const [first = '', second] = argv;
  if (isGroup(first, entries)) {
    const subcommands = entries.filter((c) => c.path[0] === first).map((c) => c.path.slice(1).join(' '));
    if (second === undefined || second.startsWith('-'))
      return `"${first}" needs a subcommand: ${subcommands.join(', ')}`;
    const guess = didYouMean(second, subcommands);
    return `unknown subcommand "${first} ${second}"${guess ? `; did you mean "${first} ${guess}"?` : ''} (subcommands: ${subcommands.join(', ')})`;
  }
  const guess = didYouMean(first, [...new Set(entries.map((c) => c.path[0] as string))]);
  return `unknown command "${first}"${guess ? `; did you mean "${guess}"?` : ''} Run tqalert --help for the list.`;
}
