// `process`, the timer functions and queueMicrotask as globals have Node's property shapes:
// `process` an accessor whose setter replaces only what the global answers, the timers
// enumerable data properties that node:timers exports too.
import assert from 'node:assert';
import realProcess from 'node:process';
import * as timers from 'node:timers';

const d = Object.getOwnPropertyDescriptor(globalThis, 'process');
assert.strictEqual(typeof d.get, 'function');
assert.strictEqual(typeof d.set, 'function');
assert.strictEqual(d.enumerable, false);
assert.strictEqual(d.configurable, true);
assert.strictEqual(globalThis.process, realProcess);
globalThis.process = 42;
assert.strictEqual(globalThis.process, 42);
assert.strictEqual(typeof Object.getOwnPropertyDescriptor(globalThis, 'process').get, 'function');
assert.strictEqual(realProcess.pid > 0, true, 'the real process is untouched');
globalThis.process = realProcess;
assert.strictEqual(process, realProcess);

for (const name of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate',
  'clearImmediate', 'queueMicrotask']) {
  const t = Object.getOwnPropertyDescriptor(globalThis, name);
  assert.strictEqual(typeof t.value, 'function', name);
  assert.strictEqual(t.value.name, name);
  assert.deepStrictEqual([t.writable, t.enumerable, t.configurable], [true, true, true], name);
  if (name !== 'queueMicrotask') assert.strictEqual(timers[name], t.value, `node:timers ${name}`);
}

// Clearing what was never set (or is not a timer) is a no-op.
clearTimeout(undefined);
clearTimeout(12345);
clearInterval({});
clearImmediate(null);

for (const f of [setTimeout, setInterval, setImmediate, queueMicrotask]) {
  assert.throws(() => f('not a function'), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' }, f.name);
}

// In an ES module the microtask queue drains before the nextTick queue (as in Node).
const order = [];
queueMicrotask(() => order.push('microtask'));
process.nextTick(() => order.push('tick'));
setImmediate(() => {
  order.push('immediate');
  assert.deepStrictEqual(order, ['microtask', 'tick', 'immediate']);
});
