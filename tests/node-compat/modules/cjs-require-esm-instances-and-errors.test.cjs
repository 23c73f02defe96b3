// require() of an ES module (Node 20.19+): one instance shared with import(), the module's own
// exception when its evaluation throws (each time, and not an unhandled rejection as well),
// ERR_REQUIRE_ASYNC_MODULE for top-level await.
const assert = require('node:assert');

const named = require('./fixtures/esm/named.mjs');
assert.strictEqual(named.answer, 42);
assert.strictEqual(named.default(), 'hello');
assert.strictEqual(require('./fixtures/esm/named.mjs'), named);

for (let i = 0; i < 2; i++) {
  assert.throws(() => require('./fixtures/esm/throws.mjs'), (e) => {
    assert.ok(e instanceof RangeError);
    assert.strictEqual(e.message, 'thrown while evaluating throws.mjs');
    return true;
  });
}

assert.throws(() => require('./fixtures/esm/tla.mjs'), { code: 'ERR_REQUIRE_ASYNC_MODULE' });

import('./fixtures/esm/named.mjs').then((ns) => {
  assert.strictEqual(ns.default, named.default);
  assert.strictEqual(globalThis.__namedEvaluations, 1);
  console.log('ok');
});
