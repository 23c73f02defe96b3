// Top-level await, dynamic import() of ESM and CJS, "type": "module" packages, import.meta.
import assert from 'node:assert';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
const here = path.dirname(fileURLToPath(import.meta.url));
assert.strictEqual(import.meta.url.startsWith('file:///'), true);
const typed = await import('./fixtures/typemod/index.js');
assert.strictEqual(typed.default, 'esm-by-type');
assert.strictEqual(typed.meta, new URL('./fixtures/typemod/index.js', import.meta.url).href);
const cjs = await import('./fixtures/cycle/b.js');
assert.strictEqual(cjs.default.loaded, true);
const ns = await import('node:path');
assert.strictEqual(ns.default.join, path.join);
await assert.rejects(import('./fixtures/missing.mjs'), { code: 'ERR_MODULE_NOT_FOUND' });
assert.strictEqual(here, path.dirname(fileURLToPath(import.meta.url)));
