// Ticks and microtasks queued by one timer run before the next timer's callback.
import assert from 'node:assert';
const order = [];
setTimeout(() => { order.push('t1'); process.nextTick(() => order.push('tick')); Promise.resolve().then(() => order.push('micro')); }, 2);
setTimeout(() => order.push('t2'), 2);
process.on('exit', () => assert.deepStrictEqual(order, ['t1', 'tick', 'micro', 't2']));
