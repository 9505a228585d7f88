import { defineConfig } from 'vitest/config';

// `pnpm vitest` at the root runs every workspace project at once; turbo runs them one package at a time.
export default defineConfig({
  test: { projects: ['packages/*', 'apps/*', 'tooling/newcomer'] },
});
