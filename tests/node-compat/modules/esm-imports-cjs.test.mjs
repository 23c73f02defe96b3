// ESM importing CommonJS: default is module.exports, identifier keys become named exports.
import assert from 'node:assert';
import fn, { extra } from './fixtures/fn.cjs';
import data from './fixtures/data.json' with { type: 'json' };
assert.strictEqual(fn(), 'fn');
assert.strictEqual(extra, 1);
assert.strictEqual(fn['not-ident'], 2);
assert.deepStrictEqual(data, { answer: 42, list: [1, 2] });
