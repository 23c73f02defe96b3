// removeAllListeners(type) and removeAllListeners() with 'removeListener' events.
import assert from 'node:assert';
import EventEmitter from 'node:events';

const e = new EventEmitter();
const f1 = () => {};
const f2 = () => {};
e.on('a', f1);
e.on('a', f2);
e.on('b', f1);
const removed = [];
e.on('removeListener', (name, fn) => removed.push([name, fn === f1 ? 'f1' : fn === f2 ? 'f2' : 'other']));

e.removeAllListeners('a');
assert.deepStrictEqual(removed, [['a', 'f2'], ['a', 'f1']]); // LIFO
assert.deepStrictEqual(e.eventNames(), ['b', 'removeListener']);

e.removeAllListeners();
assert.deepStrictEqual(e.eventNames(), []);
// The 'removeListener' listener goes last, and is not told about its own removal.
assert.deepStrictEqual(removed.slice(2), [['b', 'f1']]);
assert.strictEqual(e.removeAllListeners(), e);
