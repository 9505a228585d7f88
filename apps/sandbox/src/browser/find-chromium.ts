// Where the browser test finds Chromium: `CHROMIUM_PATH` when set, else Debian's package (installed by
// `scripts/ensure-chromium.sh`, which the package's `test` script runs first). playwright-core drives it; no
// browser of playwright's own is downloaded.
import { accessSync, constants } from 'node:fs';

/** Where Debian and Ubuntu put Chromium. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'] as const;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium executable to use, or undefined when none is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env.CHROMIUM_PATH?.trim();
  if (override) return executable(override) ? override : undefined;
  return CHROMIUM_CANDIDATES.find(executable);
}

/** Like {@link findChromium}, but throws a message saying how to install one. */
export function requireChromium(env: NodeJS.ProcessEnv = process.env): string {
  const found = findChromium(env);
  if (found) return found;
  const override = env.CHROMIUM_PATH?.trim();
  throw new Error(
    override
      ? `CHROMIUM_PATH=${override} is not an executable file: point it at a Chromium binary, or unset it to use /usr/bin/chromium`
      : `no Chromium found at ${CHROMIUM_CANDIDATES.join(' or ')}: run "sh scripts/ensure-chromium.sh" in apps/sandbox (apt-get install chromium), or set CHROMIUM_PATH`,
  );
}

/** The flags the tests launch Chromium with: headless, no sandbox (root in CI), nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;
