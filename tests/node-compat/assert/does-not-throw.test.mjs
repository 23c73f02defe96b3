// doesNotThrow reports unwanted exceptions, rethrows non-matching ones.
import assert from 'node:assert';

assert.doesNotThrow(() => {});
assert.throws(() => assert.doesNotThrow(() => { throw new Error('a'); }), {
  operator: 'doesNotThrow',
  message: 'Got unwanted exception.\nActual message: "a"',
});
assert.throws(() => assert.doesNotThrow(() => { throw new Error('a'); }, 'ctx'), {
  message: 'Got unwanted exception: ctx\nActual message: "a"',
});
// A different error class is passed through untouched.
assert.throws(() => assert.doesNotThrow(() => { throw new TypeError('t'); }, RangeError), TypeError);
