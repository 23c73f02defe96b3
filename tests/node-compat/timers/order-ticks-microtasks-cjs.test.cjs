// From CommonJS, nextTick callbacks run before promise jobs; nested ticks drain first too.
const assert = require('node:assert');
const order = [];
Promise.resolve().then(() => order.push('promise1')).then(() => order.push('promise2'));
process.nextTick(() => { order.push('tick1'); process.nextTick(() => order.push('tick-nested')); });
process.nextTick(() => order.push('tick2'));
queueMicrotask(() => order.push('microtask'));
setTimeout(() => {
  assert.deepStrictEqual(order, ['tick1', 'tick2', 'tick-nested', 'promise1', 'microtask', 'promise2']);
}, 5);
