// Dev aid: run a test under real `node` but with atoll's JS polyfills standing in for the
// built-ins, so pure-JS polyfills can be checked before (or without) a Rust rebuild.
//   node --import ./scripts/node-polyfill-register.mjs tests/node-compat/util/format.test.mjs
// Only `node:X` / bare `X` specifiers whose polyfill file exists are redirected; polyfills
// that import `atoll:ops` cannot run under node.
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const root = join(fileURLToPath(import.meta.url), '..', '..', 'polyfills', 'node');

export async function resolve(specifier, context, next) {
  if (specifier === 'atoll:ops') {
    return { url: new URL('./node-ops-shim.mjs', import.meta.url).href, shortCircuit: true };
  }
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  if (specifier.startsWith('node:') || builtinModules.includes(bare)) {
    const file = join(root, `${bare}.js`);
    if (existsSync(file)) return { url: pathToFileURL(file).href, shortCircuit: true };
  }
  return next(specifier, context);
}
