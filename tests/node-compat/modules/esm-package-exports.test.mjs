// "exports" with the "import" condition, subpath patterns, and encapsulation.
import assert from 'node:assert';
import { createRequire } from 'node:module';
const require = createRequire(new URL('./fixtures/use-packages.js', import.meta.url));
const { kind } = await import(new URL('./fixtures/node_modules/dual/esm/index.mjs', import.meta.url));
assert.strictEqual(kind, 'esm');
assert.strictEqual(require('dual').kind, 'cjs');
assert.strictEqual(require('dual/feature/x'), 'feature-x');
assert.throws(() => require('dual/cjs/hidden.js'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
