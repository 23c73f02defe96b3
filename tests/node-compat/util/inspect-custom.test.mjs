import assert from 'node:assert';
import util from 'node:util';

assert.strictEqual(util.inspect.custom, Symbol.for('nodejs.util.inspect.custom'));
const obj = {
  [util.inspect.custom](depth, options, inspect) {
    assert.strictEqual(typeof options.stylize, 'function');
    assert.strictEqual(inspect, util.inspect);
    return `CUSTOM(${depth})`;
  },
};
assert.strictEqual(util.inspect(obj), 'CUSTOM(2)');
assert.strictEqual(util.inspect({ a: obj }), '{ a: CUSTOM(1) }');
// Non-string return values are inspected in turn.
assert.strictEqual(util.inspect({ x: { [util.inspect.custom]() { return { y: 1 }; } } }), '{ x: { y: 1 } }');
// customInspect: false disables it.
assert.strictEqual(util.inspect({ [util.inspect.custom]: () => 'no' }, { customInspect: false }),
  '{\n  [Symbol(nodejs.util.inspect.custom)]: [Function: [nodejs.util.inspect.custom]]\n}');
// Multi-line custom output is indented.
assert.strictEqual(util.inspect({ a: { [util.inspect.custom]: () => 'l1\nl2' } }), '{\n  a: l1\n  l2\n}');
