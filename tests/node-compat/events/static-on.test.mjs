// events.on yields argument arrays, buffers early events and throws on 'error'.
import assert from 'node:assert';
import { EventEmitter, on } from 'node:events';

const e = new EventEmitter();
const it = on(e, 'data');
e.emit('data', 1);
e.emit('data', 2, 'b');
setTimeout(() => {
  e.emit('data', 3);
  e.emit('error', new Error('stop'));
}, 1);

const seen = [];
await assert.rejects(async () => {
  for await (const args of it) seen.push(args);
}, { message: 'stop' });
assert.deepStrictEqual(seen, [[1], [2, 'b'], [3]]);
assert.strictEqual(e.listenerCount('data'), 0);
assert.strictEqual(e.listenerCount('error'), 0);

// Breaking out of the loop removes the listeners.
const it2 = on(e, 'tick');
setTimeout(() => e.emit('tick', 'a'), 1);
for await (const [v] of it2) {
  assert.strictEqual(v, 'a');
  break;
}
assert.strictEqual(e.listenerCount('tick'), 0);
assert.deepStrictEqual(await it2.next(), { value: undefined, done: true });
