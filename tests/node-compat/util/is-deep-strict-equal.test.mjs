import assert from 'node:assert';
import util from 'node:util';

const eq = util.isDeepStrictEqual;
assert.strictEqual(eq({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), true);
assert.strictEqual(eq(1, '1'), false);
assert.strictEqual(eq(NaN, NaN), true);
assert.strictEqual(eq(0, -0), false);
assert.strictEqual(eq([0], [-0]), false);
assert.strictEqual(eq(new Map([[1, { a: 1 }], [2, 2]]), new Map([[2, 2], [1, { a: 1 }]])), true);
assert.strictEqual(eq(new Set([{ a: 1 }, 2]), new Set([2, { a: 1 }])), true);
assert.strictEqual(eq(new Set([{ a: 1 }]), new Set([{ a: 2 }])), false);
assert.strictEqual(eq(new Date(1), new Date(1)), true);
assert.strictEqual(eq(new Date(1), new Date(2)), false);
assert.strictEqual(eq(/a/g, /a/g), true);
assert.strictEqual(eq(/a/g, /a/i), false);
assert.strictEqual(eq(new Uint8Array([1, 2]), new Uint8Array([1, 2])), true);
assert.strictEqual(eq(new Uint8Array([1, 2]), new Int8Array([1, 2])), false);
assert.strictEqual(eq(Object(1), Object(1)), true);
assert.strictEqual(eq(Object(1), Object(2)), false);
const s = Symbol('s');
assert.strictEqual(eq({ [s]: 1 }, { [s]: 1 }), true);
assert.strictEqual(eq({ [s]: 1 }, { [s]: 2 }), false);
assert.strictEqual(eq(new Error('a'), new Error('a')), true);
assert.strictEqual(eq(new Error('a'), new Error('b')), false);
assert.strictEqual(eq(new Error('a'), new TypeError('a')), false);
class Foo {}
assert.strictEqual(eq(new Foo(), {}), false);
assert.strictEqual(eq(Object.create(null), {}), false);
assert.strictEqual(eq([1, , 3], [1, undefined, 3]), false); // eslint-disable-line no-sparse-arrays
const c1 = { a: 1 }; c1.self = c1;
const c2 = { a: 1 }; c2.self = c2;
assert.strictEqual(eq(c1, c2), true);
