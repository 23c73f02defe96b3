// Cycles see a partial exports object; the cache returns the same module.
const assert = require('node:assert');
const a = require('./fixtures/cycle/a.js');
assert.deepStrictEqual({ ...a }, { loaded: true, sawB: true, bSawA: false });
const key = require.resolve('./fixtures/cycle/a.js');
assert.strictEqual(require.cache[key].exports, a);
delete require.cache[key];
assert.notStrictEqual(require('./fixtures/cycle/a.js'), a);
