// assert.throws validating by class and by RegExp.
import assert from 'node:assert';

assert.throws(() => { throw new TypeError('bad'); }, TypeError);
assert.throws(() => { throw new TypeError('bad'); }, Error);
assert.throws(() => { throw new TypeError('bad thing'); }, /bad thing/);
assert.throws(() => { throw new TypeError('bad'); }, /^TypeError: bad$/);

assert.throws(() => assert.throws(() => { throw new Error('a'); }, TypeError), {
  operator: 'throws',
  message: 'The error is expected to be an instance of "TypeError". Received "Error"\n\nError message:\n\na',
});
assert.throws(() => assert.throws(() => { throw new Error('a'); }, /b/), {
  message: "The input did not match the regular expression /b/. Input:\n\n'Error: a'\n",
});
// A thrown non-error.
assert.throws(() => { throw 'str'; }, /str/);
