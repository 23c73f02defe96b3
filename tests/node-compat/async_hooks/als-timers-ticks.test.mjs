// The store follows callbacks scheduled inside run(): timers, intervals, immediates, nextTick
// and queueMicrotask.
import assert from 'node:assert';
import { AsyncLocalStorage } from 'node:async_hooks';

const als = new AsyncLocalStorage();
const seen = {};
als.run('A', () => {
  setTimeout(() => { seen.timeout = als.getStore(); }, 1);
  const iv = setInterval(() => { seen.interval = als.getStore(); clearInterval(iv); }, 1);
  setImmediate(() => { seen.immediate = als.getStore(); });
  process.nextTick(() => { seen.tick = als.getStore(); });
  queueMicrotask(() => { seen.microtask = als.getStore(); });
});
als.run('B', () => setTimeout(() => { seen.other = als.getStore(); }, 1));
setTimeout(() => {
  assert.deepStrictEqual(seen, {
    microtask: 'A', tick: 'A', immediate: 'A', timeout: 'A', interval: 'A', other: 'B',
  });
  assert.strictEqual(als.getStore(), undefined);
}, 20);
