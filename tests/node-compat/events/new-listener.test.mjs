// 'newListener' fires before the listener is added, with the original function for once().
import assert from 'node:assert';
import EventEmitter from 'node:events';

const e = new EventEmitter();
const seen = [];
const fn = () => {};
e.on('newListener', (name, listener) => {
  seen.push([name, listener, e.listenerCount(name)]);
});
e.on('x', fn);
e.once('y', fn);
assert.deepStrictEqual(seen, [['x', fn, 0], ['y', fn, 0]]);
