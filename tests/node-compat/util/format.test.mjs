import assert from 'node:assert';
import util from 'node:util';

assert.strictEqual(util.format('%s %d %i %f %j %o %O %% %c|', 'a', 1.5, 1.5, '2.5', { a: 1 }, [1], { b: 2 }, 'css', 'extra', 3),
  'a 1.5 1 2.5 {"a":1} [ 1, [length]: 1 ] { b: 2 } % | extra 3');
assert.strictEqual(util.format('%s', { toString() { return 'T'; } }), 'T');
assert.strictEqual(util.format('%s', { a: { b: { c: 1 } } }), '{ a: [Object] }');
assert.strictEqual(util.format('%s', 1n), '1n');
assert.strictEqual(util.format('%s', -0), '-0');
assert.strictEqual(util.format('%d', '0x10'), '16');
assert.strictEqual(util.format('%i', 42.9), '42');
assert.strictEqual(util.format('%d', Symbol('x')), 'NaN');
assert.strictEqual(util.format(1, '%s'), '1 %s');
assert.strictEqual(util.format('%s'), '%s');
assert.strictEqual(util.format('%s:%s', 'a'), 'a:%s');
assert.strictEqual(util.format('%%s', 1), '%s 1');
assert.strictEqual(util.format('a', 'b', 1, { c: 2 }), 'a b 1 { c: 2 }');
const circ = {};
circ.o = circ;
assert.strictEqual(util.format('%j', circ), '[Circular]');
assert.strictEqual(util.format('%x', 1), '%x 1');
assert.strictEqual(util.formatWithOptions({ colors: true }, '%O', 1), '\x1b[33m1\x1b[39m');
