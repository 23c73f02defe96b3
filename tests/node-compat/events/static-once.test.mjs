// events.once resolves with the argument array and rejects on 'error'.
import assert from 'node:assert';
import { EventEmitter, once } from 'node:events';

const e = new EventEmitter();
setTimeout(() => e.emit('ready', 1, 2), 1);
assert.deepStrictEqual(await once(e, 'ready'), [1, 2]);
assert.strictEqual(e.listenerCount('ready'), 0);
assert.strictEqual(e.listenerCount('error'), 0);

const err = new Error('kaboom');
setTimeout(() => e.emit('error', err), 1);
await assert.rejects(once(e, 'ready'), (x) => x === err);
assert.strictEqual(e.listenerCount('ready'), 0);
assert.strictEqual(e.listenerCount('error'), 0);

// Waiting for 'error' itself resolves with it.
setTimeout(() => e.emit('error', err), 1);
assert.deepStrictEqual(await once(e, 'error'), [err]);
