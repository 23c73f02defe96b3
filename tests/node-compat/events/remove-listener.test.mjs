// off/removeListener remove the most recently added matching listener; events fire.
import assert from 'node:assert';
import EventEmitter from 'node:events';

const e = new EventEmitter();
const removed = [];
e.on('removeListener', (name, fn) => removed.push([name, fn]));
const a = () => {};
const b = () => {};
e.on('x', a);
e.on('x', b);
e.on('x', a);
e.off('x', a);
assert.deepStrictEqual(e.listeners('x'), [a, b]);
assert.deepStrictEqual(removed, [['x', a]]);

// Removing during emit does not affect the running emit.
const calls = [];
const e2 = new EventEmitter();
const first = () => { calls.push('first'); e2.removeListener('y', second); };
const second = () => calls.push('second');
e2.on('y', first);
e2.on('y', second);
e2.emit('y');
e2.emit('y');
assert.deepStrictEqual(calls, ['first', 'second', 'first']);

// Removing an unknown listener is a no-op and returns the emitter.
assert.strictEqual(e2.removeListener('nope', a), e2);
