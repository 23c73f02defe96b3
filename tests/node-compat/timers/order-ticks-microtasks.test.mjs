// An ES module body runs inside a promise job, so its microtasks drain before nextTicks (Node).
import assert from 'node:assert';
const order = [];
Promise.resolve().then(() => order.push('promise1')).then(() => order.push('promise2'));
process.nextTick(() => { order.push('tick1'); process.nextTick(() => order.push('tick-nested')); });
process.nextTick(() => order.push('tick2'));
queueMicrotask(() => order.push('microtask'));
setTimeout(() => {
  assert.deepStrictEqual(order, ['promise1', 'microtask', 'promise2', 'tick1', 'tick2', 'tick-nested']);
}, 5);
