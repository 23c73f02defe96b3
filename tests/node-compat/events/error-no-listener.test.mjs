// Emitting 'error' without a listener throws the error (or ERR_UNHANDLED_ERROR).
import assert from 'node:assert';
import EventEmitter from 'node:events';

const e = new EventEmitter();
const boom = new Error('boom');
assert.throws(() => e.emit('error', boom), (err) => err === boom);

assert.throws(() => e.emit('error', 'oops'), {
  name: 'Error',
  code: 'ERR_UNHANDLED_ERROR',
  message: "Unhandled error. ('oops')",
  context: 'oops',
});

assert.throws(() => e.emit('error', { a: 1 }), {
  code: 'ERR_UNHANDLED_ERROR',
  message: 'Unhandled error. ({ a: 1 })',
});

// With a listener, nothing is thrown.
let got;
e.on('error', (err) => { got = err; });
assert.strictEqual(e.emit('error', boom), true);
assert.strictEqual(got, boom);
