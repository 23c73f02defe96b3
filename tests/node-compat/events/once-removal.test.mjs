// once() listeners fire a single time and are removed before being called.
import assert from 'node:assert';
import EventEmitter from 'node:events';

const e = new EventEmitter();
let n = 0;
function handler(v) {
  n += v;
  assert.strictEqual(e.listenerCount('x'), 0);
}
e.once('x', handler);
assert.strictEqual(e.listenerCount('x'), 1);
assert.deepStrictEqual(e.listeners('x'), [handler]);
assert.notStrictEqual(e.rawListeners('x')[0], handler);
assert.strictEqual(e.rawListeners('x')[0].listener, handler);
e.emit('x', 2);
e.emit('x', 5);
assert.strictEqual(n, 2);

// A once listener can be removed by the original function.
e.once('y', handler);
e.removeListener('y', handler);
assert.strictEqual(e.emit('y', 1), false);

// prependOnceListener runs first, once.
const order = [];
e.on('z', () => order.push('on'));
e.prependOnceListener('z', () => order.push('once'));
e.emit('z');
e.emit('z');
assert.deepStrictEqual(order, ['once', 'on', 'on']);
