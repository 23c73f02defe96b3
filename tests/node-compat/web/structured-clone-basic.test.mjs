// structuredClone: primitives, objects, arrays (sparse), Date, RegExp, Map, Set, boxed, BigInt
import assert from 'node:assert';

for (const v of [1, -0, NaN, 'x', true, null, undefined, 10n]) {
  assert.ok(Object.is(structuredClone(v), v));
}
const src = {
  a: [1, , 3],
  d: new Date(1234),
  r: /ab+c/gi,
  m: new Map([[{ k: 1 }, new Set([1, 'two'])]]),
  s: new Set([[1], { x: 2 }]),
  n: Object(5),
  str: Object('s'),
  b: Object(false),
  big: Object(7n),
  nested: { deep: { deeper: [{}] } },
};
const out = structuredClone(src);
assert.notStrictEqual(out, src);
assert.deepStrictEqual(out, src);
assert.strictEqual(1 in out.a, false);
assert.strictEqual(out.a.length, 3);
assert.notStrictEqual(out.d, src.d);
assert.strictEqual(out.d.getTime(), 1234);
assert.strictEqual(out.r.flags, 'gi');
assert.strictEqual(typeof out.n, 'object');
assert.strictEqual(out.n.valueOf(), 5);
assert.strictEqual(out.big.valueOf(), 7n);

// Only own enumerable string keys are kept; class instances become plain objects.
class Foo { constructor() { this.q = 1; } get g() { return 2; } }
const foo = structuredClone(new Foo());
assert.strictEqual(Object.getPrototypeOf(foo), Object.prototype);
assert.deepStrictEqual(foo, { q: 1 });
assert.deepStrictEqual(structuredClone({ [Symbol('s')]: 1, v: 2 }), { v: 2 });
