// assert.throws with a validation function, with a message string, and when nothing throws.
import assert from 'node:assert';

assert.throws(() => { throw new Error('x'); }, (e) => e.message === 'x');
assert.throws(() => assert.throws(() => { throw new Error('x'); }, () => false), {
  message: 'The validation function is expected to return "true". Received false\n\nCaught error:\n\nError: x',
});
assert.throws(() => assert.throws(() => {}), {
  message: 'Missing expected exception.',
  operator: 'throws',
  actual: undefined,
});
assert.throws(() => assert.throws(() => {}, TypeError), {
  message: 'Missing expected exception (TypeError).',
});
assert.throws(() => assert.throws(() => {}, 'why'), { message: 'Missing expected exception: why' });
assert.throws(() => assert.throws('nope'), {
  code: 'ERR_INVALID_ARG_TYPE',
  message: 'The "fn" argument must be of type function. Received type string (\'nope\')',
});
assert.throws(() => assert.throws(() => { throw new Error('foo'); }, 'foo'), {
  code: 'ERR_AMBIGUOUS_ARGUMENT',
});
