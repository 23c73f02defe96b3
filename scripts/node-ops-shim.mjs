// Dev aid for scripts/node-polyfill-hooks.mjs: the few `atoll:ops` that pure-JS polyfills use
// on their start-up path, backed by node itself.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function op_require_builtin(name) {
  return require(name);
}
