/**
 * The name of this worker replica, from `TQALERT_REPLICA` in the environment (the demo's `--replicas` and
 * deployments set it), made header-safe: controls removed, at most 64 characters. Notifiers send it along
 * (`X-TQAlert-Replica`) so operators can tell which replica delivered what. Undefined when not set.
 */
export function replicaName(env: NodeJS.ProcessEnv = process.env): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  const name = env.TQALERT_REPLICA?.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 64);
  return name || undefined;
}
