// notStrictEqual / notDeepStrictEqual failure messages.
import assert from 'node:assert';

assert.notStrictEqual({}, {});
assert.throws(() => assert.notStrictEqual(1, 1), {
  operator: 'notStrictEqual',
  message: 'Expected "actual" to be strictly unequal to: 1',
});
assert.throws(() => assert.notStrictEqual('abcdefg', 'abcdefg'), {
  message: "Expected \"actual\" to be strictly unequal to:\n\n'abcdefg'",
});
assert.throws(() => assert.notDeepStrictEqual({ a: 1 }, { a: 1 }), {
  operator: 'notDeepStrictEqual',
  message: 'Expected "actual" not to be strictly deep-equal to:\n\n{\n  a: 1\n}\n',
});
