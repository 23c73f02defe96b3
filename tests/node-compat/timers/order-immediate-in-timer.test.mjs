// Inside a timer callback, setImmediate fires before a new 0 ms timeout (check phase first).
import assert from 'node:assert';
const order = [];
setTimeout(() => {
  setTimeout(() => order.push('timeout'), 0);
  setImmediate(() => order.push('immediate'));
}, 1);
process.on('exit', () => assert.deepStrictEqual(order, ['immediate', 'timeout']));
