// run() sets the store for the synchronous call (nesting restores), exit() clears it.
import assert from 'node:assert';
import { AsyncLocalStorage } from 'node:async_hooks';

const als = new AsyncLocalStorage();
assert.strictEqual(als.getStore(), undefined);
const result = als.run({ id: 1 }, (a, b) => {
  assert.deepStrictEqual(als.getStore(), { id: 1 });
  als.run({ id: 2 }, () => assert.deepStrictEqual(als.getStore(), { id: 2 }));
  assert.deepStrictEqual(als.getStore(), { id: 1 });
  als.exit(() => assert.strictEqual(als.getStore(), undefined));
  assert.deepStrictEqual(als.getStore(), { id: 1 });
  return a + b;
}, 2, 3);
assert.strictEqual(result, 5);
assert.strictEqual(als.getStore(), undefined);
assert.throws(() => als.run(1, () => { throw new Error('boom'); }), /boom/);
assert.strictEqual(als.getStore(), undefined);
