// setMaxListeners / getMaxListeners / defaultMaxListeners and argument validation.
import assert from 'node:assert';
import EventEmitter from 'node:events';

assert.strictEqual(EventEmitter.defaultMaxListeners, 10);
const e = new EventEmitter();
assert.strictEqual(e.getMaxListeners(), 10);
assert.strictEqual(e.setMaxListeners(3), e);
assert.strictEqual(e.getMaxListeners(), 3);

assert.throws(() => e.setMaxListeners(-1), {
  name: 'RangeError',
  code: 'ERR_OUT_OF_RANGE',
  message: 'The value of "setMaxListeners" is out of range. It must be >= 0. Received -1',
});
assert.throws(() => e.setMaxListeners('3'), {
  name: 'TypeError',
  code: 'ERR_INVALID_ARG_TYPE',
});
assert.throws(() => { EventEmitter.defaultMaxListeners = -1; }, {
  code: 'ERR_OUT_OF_RANGE',
  message: 'The value of "defaultMaxListeners" is out of range. It must be >= 0. Received -1',
});
assert.throws(() => e.on('x', 'not a function'), {
  code: 'ERR_INVALID_ARG_TYPE',
  message: 'The "listener" argument must be of type function. Received type string (\'not a function\')',
});
