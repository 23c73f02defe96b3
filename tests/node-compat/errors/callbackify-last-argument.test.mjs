import assert from 'node:assert';
import util from 'node:util';

const cb = util.callbackify(async () => 1);
assert.throws(() => cb('not a function'), {
  name: 'TypeError',
  code: 'ERR_INVALID_ARG_TYPE',
  message: "The last argument must be of type function. Received type string ('not a function')",
});
