// errorMonitor listeners see 'error' events first without consuming them.
import assert from 'node:assert';
import EventEmitter, { errorMonitor } from 'node:events';

assert.strictEqual(typeof errorMonitor, 'symbol');
assert.strictEqual(EventEmitter.errorMonitor, errorMonitor);

const e = new EventEmitter();
const seen = [];
e.on(errorMonitor, (err) => seen.push(['monitor', err.message]));
const err = new Error('bad');
assert.throws(() => e.emit('error', err), /^Error: bad$/);
assert.deepStrictEqual(seen, [['monitor', 'bad']]);

e.on('error', (x) => seen.push(['error', x.message]));
e.emit('error', new Error('again'));
assert.deepStrictEqual(seen.slice(1), [['monitor', 'again'], ['error', 'again']]);
