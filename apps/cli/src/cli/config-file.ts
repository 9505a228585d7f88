import { resolve } from 'node:path';
import type { CommandContext } from './command.js';
import { UsageError } from './usage-error.js';

/**
 * The config file a command was given: `--config`, else `$TQALERT_CONFIG`. A `tqalert.yaml` in the working
 * directory is never read on its own: a folder could otherwise name the iZoologic host while the keys come
 * from the environment, or load a plugin.
 */
export function givenConfigPath(ctx: CommandContext): string | undefined {
  const given = (ctx.values.config as string | undefined) ?? ctx.env.TQALERT_CONFIG;
  return given ? resolve(ctx.cwd, given) : undefined;
}

/** The config file of a command that cannot run without one; a usage error (exit 2) when none was given. */
export function requireConfigPath(ctx: CommandContext): string {
  const file = givenConfigPath(ctx);
  if (!file) {
    throw new UsageError(
      `tqalert ${String(ctx.values.__command ?? '')} needs a worker config: pass --config <file> or set TQALERT_CONFIG (a tqalert.yaml in the current folder is not read unless named)`,
    );
  }
  return file;
}

const announced = new WeakSet<CommandContext>();

/**
 * Says on stderr (never in `--json` stdout) which config file a command uses, once per command, and teaches
 * the command's output scrubber the config's secrets.
 */
export function useConfig(ctx: CommandContext, loaded: { file: string; secrets: string[] }): void {
  ctx.redactor.add(...loaded.secrets);
  if (announced.has(ctx)) return;
  announced.add(ctx);
  ctx.out.note(`using config ${loaded.file}`);
}
