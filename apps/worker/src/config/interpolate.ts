import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { ConfigIssue } from '@tqalert/core';

const REFERENCE = /\$\{([^}]+)\}/g;
const WHOLE_REFERENCE = /^\$\{([^}]+)\}$/;
const SECRET_KEY = /(pass(word)?|secret|token|key|auth|credential|cookie)s?$/i;

/**
 * Replaces `${ENV_VAR}` and `${file:/path}` in every string of a parsed config. Each missing variable or
 * unreadable file is an issue with its config path. A value that is one whole reference to a number or
 * `true`/`false` becomes that number or boolean (`port: ${SMTP_PORT}`). Values read from files, and values
 * under secret-looking keys (`password`, `token`, `apiKey`, …), are collected as secrets for redaction; a
 * URL or a port from the environment stays readable in logs.
 */
export function interpolate(
  value: unknown,
  options: { env: NodeJS.ProcessEnv; baseDir: string },
): { value: unknown; issues: ConfigIssue[]; secrets: string[] } {
  const issues: ConfigIssue[] = [];
  const secrets: string[] = [];
  const walk = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') {
      const out = replace(node, path);
      if (out !== node && WHOLE_REFERENCE.test(node)) {
        if (/^-?\d+(\.\d+)?$/.test(out)) return Number(out);
        if (out === 'true' || out === 'false') return out === 'true';
      }
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
      if (
        SECRET_KEY.test(
          path
            .split('.')
            .at(-1)
            ?.replace(/\[\d+\]$/, '') ?? '',
        )
      )
        secrets.push(found);
      return found;
    });
  return { value: walk(value, ''), issues, secrets };
}
