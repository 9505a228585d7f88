// A JSON Schema node (from zod's toJSONSchema) as the short type text of a reference table.

/** The subset of JSON Schema that zod emits for plugin options. */
export interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  minItems?: number;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  required?: string[];
  default?: unknown;
  description?: string;
}

const FORMATS: Record<string, string> = { uri: 'URL', email: 'email address', 'date-time': 'ISO date-time' };
// zod writes "no upper bound" for a safe integer as this number: it says nothing to a reader.
const NO_BOUND = Number.MAX_SAFE_INTEGER;

function range(node: SchemaNode): string {
  const low =
    node.exclusiveMinimum !== undefined
      ? `> ${node.exclusiveMinimum}`
      : node.minimum !== undefined
        ? `≥ ${node.minimum}`
        : '';
  const highValue = node.exclusiveMaximum ?? node.maximum;
  const high =
    highValue === undefined || highValue >= NO_BOUND
      ? ''
      : node.exclusiveMaximum !== undefined
        ? `< ${highValue}`
        : `≤ ${highValue}`;
  return [low, high].filter(Boolean).join(', ');
}

/** `string (URL)`, `"reply" | "update"`, `number (> 0, ≤ 50)`, `string[]`, `object`, … */
export function typeText(node: SchemaNode): string {
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  const alternatives = node.anyOf ?? node.oneOf;
  if (alternatives) return [...new Set(alternatives.map(typeText))].join(' | ');
  const type = Array.isArray(node.type) ? node.type.join(' | ') : node.type;
  if (type === 'array')
    return `${node.items ? typeText(node.items) : 'any'}[]`.replace(/^(.* \| .*)\[\]$/, '($1)[]');
  if (type === 'string') {
    const notes = [
      node.format ? (FORMATS[node.format] ?? node.format) : '',
      node.pattern ? `matching \`${node.pattern}\`` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return notes ? `string (${notes})` : 'string';
  }
  if (type === 'number' || type === 'integer') {
    const bounds = range(node);
    return bounds ? `${type} (${bounds})` : type;
  }
  if (type === 'object' && !node.properties && typeof node.additionalProperties === 'object')
    return `map of ${typeText(node.additionalProperties)}`;
  return type ?? 'any';
}
