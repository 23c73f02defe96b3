// match / doesNotMatch.
import assert from 'node:assert';

assert.match('abc', /b/);
assert.doesNotMatch('abc', /x/);
assert.throws(() => assert.match('abc', /x/), {
  operator: 'match',
  message: "The input did not match the regular expression /x/. Input:\n\n'abc'\n",
});
assert.throws(() => assert.doesNotMatch('abc', /b/), {
  operator: 'doesNotMatch',
  message: "The input was expected to not match the regular expression /b/. Input:\n\n'abc'\n",
});
assert.throws(() => assert.match(1, /x/), {
  code: 'ERR_ASSERTION',
  message: 'The "string" argument must be of type string. Received type number (1)',
});
assert.throws(() => assert.match('x', 'x'), { code: 'ERR_INVALID_ARG_TYPE' });
