import assert from 'node:assert';
import util from 'node:util';

assert.throws(() => util.getSystemErrorName(1), {
  name: 'RangeError',
  code: 'ERR_OUT_OF_RANGE',
  message: 'The value of "err" is out of range. It must be a negative integer. Received 1',
});
assert.throws(() => util.getSystemErrorName('x'), {
  name: 'TypeError',
  code: 'ERR_INVALID_ARG_TYPE',
  message: 'The "err" argument must be of type number. Received type string (\'x\')',
});
