/**
 * ThreatQ object types in every spelling its API, its UI and its users write, mapped to the one name its REST
 * routes take (`/api/<route>/<id>`). This is the only place that knows them: watchlist rows, config files and
 * callers may say `indicator`, `Indicators`, `Attack Pattern` or `object_type: "identity"`, and every request
 * goes to the route.
 *
 * Route names follow reference 2b: plural for the core types (`indicators`, `events`, `adversaries`,
 * `attachments`, `signatures`), singular for the STIX-style objects (`identity`, `incident`, `attack_pattern`…).
 * A name not listed here (a custom object's `code`) is passed through, lower-cased, as its own route.
 */
const SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  indicators: ['indicator'],
  events: ['event'],
  adversaries: ['adversary'],
  attachments: ['attachment', 'file', 'files'],
  signatures: ['signature'],
  tasks: ['task'],
  investigations: ['investigation'],
  identity: ['identities'],
  incident: ['incidents'],
  attack_pattern: ['attack_patterns'],
  campaign: ['campaigns'],
  course_of_action: ['courses_of_action', 'course_of_actions'],
  exploit_target: ['exploit_targets'],
  // The Python SDK misspells it `instrusion_set`.
  intrusion_set: ['intrusion_sets', 'instrusion_set'],
  malware: ['malwares'],
  report: ['reports'],
  tool: ['tools'],
  ttp: ['ttps'],
  vulnerability: ['vulnerabilities'],
};

const ROUTES = new Map<string, string>();
for (const [route, others] of Object.entries(SPELLINGS)) {
  ROUTES.set(route, route);
  for (const other of others) ROUTES.set(other, route);
}

/** `Attack Pattern`, `attack-pattern`, ` ATTACK_PATTERNS ` → `attack_patterns`. */
function fold(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * The route name of a ThreatQ object type written any way: singular, plural, display name (`Attack Pattern`),
 * or the `object_type`/`collection` values ThreatQ returns. Unknown names come back folded (custom objects are
 * addressed by their code). Returns `undefined` only for a name that cannot be a route at all.
 */
export function objectRoute(name: string): string | undefined {
  if (typeof name !== 'string') return undefined;
  const folded = fold(name);
  const known = ROUTES.get(folded);
  if (known) return known;
  return /^[a-z][a-z0-9_]*$/.test(folded) ? folded : undefined;
}

/** True when two spellings name the same object type (`indicator` and `Indicators`). */
export function sameObjectType(a: string, b: string): boolean {
  const left = objectRoute(a);
  return left !== undefined && left === objectRoute(b);
}
