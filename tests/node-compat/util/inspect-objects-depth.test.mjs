import assert from 'node:assert';
import util from 'node:util';

assert.strictEqual(util.inspect({}), '{}');
assert.strictEqual(util.inspect({ a: 1, b: 'x', c: [1, 2, 3] }), "{ a: 1, b: 'x', c: [ 1, 2, 3 ] }");
// Default depth is 2: deeper objects print as [Object] / [Array].
assert.strictEqual(util.inspect({ a: { b: { c: { d: 1 } } }, e: [1, [2, [3, [4]]]] }),
  '{ a: { b: { c: [Object] } }, e: [ 1, [ 2, [Array] ] ] }');
assert.strictEqual(util.inspect({ a: { b: 1 } }, { depth: 0 }), '{ a: [Object] }');
assert.strictEqual(util.inspect({ a: { b: { c: { d: { e: 1 } } } } }, { depth: Infinity }),
  '{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  }\n}');
assert.strictEqual(util.inspect({ a: { b: { c: { d: {} } } } }, { depth: null }),
  '{\n  a: { b: { c: { d: {} } } }\n}');
// Keys that are not identifiers are quoted; symbols in brackets.
assert.strictEqual(util.inspect({ 'a-b': 1, [Symbol('s')]: 2, x_1: 3 }),
  "{ 'a-b': 1, x_1: 3, [Symbol(s)]: 2 }");
assert.strictEqual(util.inspect({ 1: 'a', x: 1 }), "{ '1': 'a', x: 1 }");
