/**
 * A table of iZoologic numeric codes with names a person may type. One shape serves case types, incident
 * types and threat levels, so name parsing behaves the same everywhere (and in the CLI's flags).
 */

/** Reduces a typed name to letters and digits: `Brand-Abuse`, `brand abuse` and `brand_abuse` all match. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A code table: the names by id, and a parser for ids and names. */
export interface CodeTable<Id extends number> {
  /** Display names by id. */
  readonly names: Readonly<Record<Id, string>>;
  /** The id for a number or a name (`6`, `'6'`, `'incident'`), or `undefined` when it names nothing. */
  parse(input: number | string): Id | undefined;
  /** `Name(id)` for messages, e.g. `Incident(6)`. */
  describe(id: Id): string;
  /** Every id with the names it accepts, for "expected one of …" messages. */
  choices(): string;
}

/** Builds a table from `[id, display name, ...other accepted names]` rows. */
export function createCodeTable<Id extends number>(
  rows: ReadonlyArray<readonly [Id, string, ...string[]]>,
): CodeTable<Id> {
  const names = Object.fromEntries(rows.map(([id, name]) => [id, name])) as Record<Id, string>;
  const byName = new Map<string, Id>();
  for (const [id, name, ...aliases] of rows)
    for (const alias of [name, ...aliases]) byName.set(normalise(alias), id);
  const ids = new Set<number>(rows.map(([id]) => id));
  const describe = (id: Id): string => `${names[id]}(${id})`;
  return {
    names,
    describe,
    parse(input) {
      if (typeof input === 'number') return ids.has(input) ? (input as Id) : undefined;
      const trimmed = input.trim();
      if (/^\d+$/.test(trimmed)) return ids.has(Number(trimmed)) ? (Number(trimmed) as Id) : undefined;
      return byName.get(normalise(trimmed));
    },
    choices() {
      return rows.map(([id, name]) => `${id} (${name})`).join(', ');
    },
  };
}
