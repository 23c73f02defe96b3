// getEventListeners and the static setMaxListeners/getMaxListeners for emitters.
import assert from 'node:assert';
import { EventEmitter, getEventListeners, setMaxListeners, getMaxListeners } from 'node:events';

const e = new EventEmitter();
const f = () => {};
e.on('foo', f);
e.once('foo', f);
assert.deepStrictEqual(getEventListeners(e, 'foo'), [f, f]);
assert.deepStrictEqual(getEventListeners(e, 'bar'), []);

setMaxListeners(5, e);
assert.strictEqual(e.getMaxListeners(), 5);
assert.strictEqual(getMaxListeners(e), 5);
