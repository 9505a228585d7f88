// Lets a child `node` process run this package's TypeScript sources directly: Node strips the types, and this
// hook maps the `./x.js` specifiers the sources use to the `./x.ts` files that exist. Tests then exercise the
// source, not a possibly stale build.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const fromTs = context.parentURL?.endsWith('.ts');
      if (fromTs && specifier.startsWith('.') && specifier.endsWith('.js')) {
        return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
      }
      throw error;
    }
  },
});
