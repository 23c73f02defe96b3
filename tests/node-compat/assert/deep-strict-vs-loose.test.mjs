// deepEqual is loose (==, prototypes ignored); deepStrictEqual is not.
import assert from 'node:assert';

assert.deepEqual({ a: 1 }, { a: '1' });
assert.deepEqual([1, 2], ['1', '2']);
assert.throws(() => assert.deepStrictEqual({ a: 1 }, { a: '1' }), { code: 'ERR_ASSERTION' });
assert.notDeepStrictEqual({ a: 1 }, { a: '1' });
assert.deepStrictEqual(new Map([[1, { x: 1 }]]), new Map([[1, { x: 1 }]]));
assert.deepStrictEqual(new Set([1, 2]), new Set([2, 1]));
assert.throws(() => assert.deepStrictEqual(Object.create(null), {}), { code: 'ERR_ASSERTION' });
assert.deepEqual(Object.create(null), {});
assert.throws(() => assert.deepEqual({ a: 1 }, { a: 2 }), {
  operator: 'deepEqual',
  message: 'Expected values to be loosely deep-equal:\n\n{\n  a: 1\n}\n\nshould loosely deep-equal\n\n{\n  a: 2\n}',
});
assert.throws(() => assert.notDeepEqual({ a: 1 }, { a: 1 }), {
  operator: 'notDeepEqual',
  message: 'Expected "actual" not to be loosely deep-equal to:\n\n{\n  a: 1\n}',
});
