import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { ConfigIssue } from '@tqalert/core';

const REFERENCE = /\$\{([^}]+)\}/g;
const WHOLE_REFERENCE = /^\$\{([^}]+)\}$/;

/** A parsed config with its `${…}` references replaced. */
export interface Interpolated {
  value: unknown;
  issues: ConfigIssue[];
  /** Every value read from `${ENV}` or `${file:}`: scrubbed from errors and logs. */
  secrets: string[];
  /**
   * Config paths (`server.port`) whose whole value was one reference, with the text it gave. Such a value stays a
   * string; it becomes a number or boolean only where a schema refuses the string (see `coerce-references.ts`).
   */
  references: Map<string, string>;
}

/**
 * Replaces `${ENV_VAR}` and `${file:/path}` in every string of a parsed config. Each missing variable or
 * unreadable file is an issue with its config path. Every value that came from a reference is collected as a
 * secret, whatever its key: a config error or a log line cannot tell a token put under the wrong key from a
 * host name, so none is printed. Values are never turned into numbers or booleans here, so an all-digits
 * token keeps its leading zeros.
 */
export function interpolate(
  value: unknown,
  options: { env: NodeJS.ProcessEnv; baseDir: string },
): Interpolated {
  const issues: ConfigIssue[] = [];
  const secrets: string[] = [];
  const references = new Map<string, string>();
  const walk = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') {
      const out = replace(node, path);
      if (out !== node && WHOLE_REFERENCE.test(node)) references.set(path, out);
      return out;
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${path}[${i}]`));
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([k, v]) => [k, walk(v, path ? `${path}.${k}` : k)]),
      );
    }
    return node;
  };
  const replace = (text: string, path: string): string =>
    text.replace(REFERENCE, (_match, ref: string) => {
      const name = ref.trim();
      if (name.startsWith('file:')) {
        const file = name.slice(5).trim();
        const full = isAbsolute(file) ? file : resolve(options.baseDir, file);
        try {
          const content = readFileSync(full, 'utf8').replace(/\r?\n$/, '');
          secrets.push(content);
          return content;
        } catch (error) {
          issues.push({
            path,
            message: `cannot read \${file:${file}} (${(error as NodeJS.ErrnoException).code ?? 'error'}): check the path and its permissions`,
          });
          return '';
        }
      }
      const found = options.env[name];
      if (found === undefined) {
        issues.push({
          path,
          message: `environment variable ${name} is not set: export it or write the value in the file`,
        });
        return '';
      }
      secrets.push(found);
      return found;
    });
  return { value: walk(value, ''), issues, secrets, references };
}
