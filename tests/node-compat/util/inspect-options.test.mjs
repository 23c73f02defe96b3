import assert from 'node:assert';
import util from 'node:util';

assert.strictEqual(util.inspect({ a: 1, b: [1, 2] }, { compact: false }), '{\n  a: 1,\n  b: [\n    1,\n    2\n  ]\n}');
assert.strictEqual(util.inspect({ a: { b: { c: 1 } } }, { compact: true }), '{ a: { b: { c: 1 } } }');
assert.strictEqual(util.inspect({ c: 1, a: 2, b: 3 }, { sorted: true }), '{ a: 2, b: 3, c: 1 }');
assert.strictEqual(util.inspect([1, 2], { showHidden: true }), '[ 1, 2, [length]: 2 ]');
assert.strictEqual(util.inspect(1234567.891, { numericSeparator: true }), '1_234_567.891');
// Legacy signature inspect(obj, showHidden, depth, colors)
assert.strictEqual(util.inspect({ a: { b: 1 } }, false, 0), '{ a: [Object] }');
// colors
assert.strictEqual(util.inspect({ a: 1, s: 'x', n: null, u: undefined }, { colors: true }),
  "{ a: \x1b[33m1\x1b[39m, s: \x1b[32m'x'\x1b[39m, n: \x1b[1mnull\x1b[22m, u: \x1b[90mundefined\x1b[39m }");
assert.deepStrictEqual(util.inspect.colors.red, [31, 39]);
assert.strictEqual(util.inspect.styles.string, 'green');
