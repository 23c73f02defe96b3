import assert from 'node:assert';
import util from 'node:util';

assert.throws(() => util.inherits(null, function A() {}), {
  code: 'ERR_INVALID_ARG_TYPE',
  message: 'The "ctor" argument must be of type function. Received null',
});
assert.throws(() => util.inherits(function A() {}, {}), {
  code: 'ERR_INVALID_ARG_TYPE',
  message: 'The "superCtor.prototype" property must be of type object. Received undefined',
});
