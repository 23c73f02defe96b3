import assert from 'node:assert';
import util from 'node:util';

assert.throws(() => util.formatWithOptions(null, 'x'), {
  name: 'TypeError',
  code: 'ERR_INVALID_ARG_TYPE',
  message: 'The "inspectOptions" argument must be of type object. Received null',
});
assert.throws(() => util.stripVTControlCharacters(1), {
  code: 'ERR_INVALID_ARG_TYPE',
  message: 'The "str" argument must be of type string. Received type number (1)',
});
