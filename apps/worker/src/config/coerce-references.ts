const NUMBER = /^-?\d+(\.\d+)?$/;

/** The number or boolean a reference's text spells, if it spells one. */
function scalarOf(text: string): number | boolean | undefined {
  if (NUMBER.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return undefined;
}

/**
 * Where a schema refused the string a whole `${…}` reference gave (`port: ${SMTP_PORT}` under a number field),
 * puts the number or boolean it spells instead. Only refused paths change, so a field that takes a string keeps
 * `"007"` or `"true"` as written. `refused` and the keys of `references` are full config paths
 * (`notifiers[0].options.port`); `base` is the path of `value` itself. Returns a copy and the paths changed
 * (none: retrying validation would not help).
 */
export function coerceRefused(
  value: unknown,
  refused: Iterable<string>,
  references: ReadonlyMap<string, string>,
  base = '',
): { value: unknown; coerced: string[] } {
  const targets = new Map<string, number | boolean>();
  for (const path of refused) {
    const text = references.get(path);
    const scalar = text === undefined ? undefined : scalarOf(text);
    if (scalar !== undefined) targets.set(path, scalar);
  }
  if (targets.size === 0) return { value, coerced: [] };
  return { value: replaceAt(value, base, targets), coerced: [...targets.keys()] };
}

function replaceAt(node: unknown, path: string, targets: ReadonlyMap<string, number | boolean>): unknown {
  const target = targets.get(path);
  if (target !== undefined && typeof node === 'string') return target;
  if (Array.isArray(node)) return node.map((item, i) => replaceAt(item, `${path}[${i}]`, targets));
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, replaceAt(v, path ? `${path}.${k}` : k, targets)]),
    );
  }
  return node;
}
