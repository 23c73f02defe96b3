// strictEqual on distinct objects explains reference inequality.
import assert from 'node:assert';

const o = { a: 1 };
assert.strictEqual(o, o);
assert.throws(() => assert.strictEqual({ a: 1 }, { a: 1 }), {
  message: 'Values have same structure but are not reference-equal:\n\n{\n  a: 1\n}\n',
});
assert.throws(() => assert.strictEqual([1, 2], [1, 3]), {
  message: 'Expected "actual" to be reference-equal to "expected":\n' +
    '+ actual - expected\n\n  [\n    1,\n+   2\n-   3\n  ]',
});
