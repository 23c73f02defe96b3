import assert from 'node:assert';
import util from 'node:util';

assert.deepStrictEqual(util.inspect.defaultOptions, {
  showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false,
  maxArrayLength: 100, maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false,
  getters: false, numericSeparator: false,
});
const saved = util.inspect.defaultOptions.depth;
util.inspect.defaultOptions = { depth: 0 };
try {
  assert.strictEqual(util.inspect({ a: { b: 1 } }), '{ a: [Object] }');
} finally {
  util.inspect.defaultOptions = { depth: saved };
}
assert.strictEqual(util.inspect({ a: { b: 1 } }), '{ a: { b: 1 } }');
assert.throws(() => { util.inspect.defaultOptions = null; }, { code: 'ERR_INVALID_ARG_TYPE' });
