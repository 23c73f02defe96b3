// eventNames, listenerCount (with listener filter), rawListeners, symbols as names.
import assert from 'node:assert';
import EventEmitter, { listenerCount } from 'node:events';

const e = new EventEmitter();
const sym = Symbol('s');
const f = () => {};
const g = () => {};
e.on('a', f);
e.on(sym, g);
e.on('a', g);
e.once('a', f);
assert.deepStrictEqual(e.eventNames(), ['a', sym]);
assert.strictEqual(e.listenerCount('a'), 3);
assert.strictEqual(e.listenerCount('a', f), 2);
assert.strictEqual(e.listenerCount('a', g), 1);
assert.strictEqual(e.listenerCount('missing'), 0);
assert.strictEqual(listenerCount(e, 'a'), 3);
assert.deepStrictEqual(e.listeners('a'), [f, g, f]);
const raw = e.rawListeners('a');
assert.strictEqual(raw.length, 3);
raw[2]();
assert.strictEqual(e.listenerCount('a'), 2);
