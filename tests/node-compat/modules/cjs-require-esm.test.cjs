// Node 20.19+: require() of a synchronous ES module returns its namespace.
const assert = require('node:assert');
const ns = require('./fixtures/typemod/index.js');
assert.strictEqual(ns.default, 'esm-by-type');
assert.strictEqual(typeof ns.meta, 'string');
assert.strictEqual(require('./fixtures/typemod/index.js'), ns);
