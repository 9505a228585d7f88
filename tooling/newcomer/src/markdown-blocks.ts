// Reads code blocks out of the project's READMEs exactly as they appear, so the tests run what a reader copies.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The fenced code blocks of `language` in the section of `file` (relative to the root) whose heading is
 * `heading`, up to the next heading of the same or a higher level. Throws naming what is missing.
 */
export function codeBlocks(file: string, heading: string, language: string): string[] {
  const text = readFileSync(new URL(file, `file://${REPO_ROOT}`), 'utf8');
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start < 0) throw new Error(`${file} has no "${heading}" heading`);
  const level = /^#+/.exec(heading)?.[0].length ?? 2;
  const after = lines.slice(start + 1);
  const end = after.findIndex((line) => {
    const hashes = /^(#+)\s/.exec(line)?.[1];
    return hashes !== undefined && hashes.length <= level;
  });
  const section = (end < 0 ? after : after.slice(0, end)).join('\n');
  const blocks = [...section.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map(
    (match) => match[1] as string,
  );
  if (blocks.length === 0) throw new Error(`${file}, section "${heading}", has no \`\`\`${language} block`);
  return blocks;
}
