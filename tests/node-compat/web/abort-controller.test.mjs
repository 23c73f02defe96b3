// AbortController.abort: aborted/reason (default AbortError DOMException), one abort event, onabort
import assert from 'node:assert';

const ac = new AbortController();
const { signal } = ac;
assert.strictEqual(signal.aborted, false);
assert.strictEqual(signal.reason, undefined);
assert.strictEqual(signal.onabort, null);
signal.throwIfAborted();
const events = [];
signal.onabort = (e) => events.push(['onabort', e.type]);
signal.addEventListener('abort', (e) => events.push(['listener', e.target === signal]));
ac.abort();
ac.abort('again');
assert.strictEqual(signal.aborted, true);
assert.ok(signal.reason instanceof DOMException);
assert.strictEqual(signal.reason.name, 'AbortError');
assert.strictEqual(signal.reason.code, 20);
assert.strictEqual(signal.reason.message, 'This operation was aborted');
assert.deepStrictEqual(events, [['onabort', 'abort'], ['listener', true]]);
assert.throws(() => signal.throwIfAborted(), (err) => err === signal.reason);

const ac2 = new AbortController();
ac2.abort('custom');
assert.strictEqual(ac2.signal.reason, 'custom');
assert.throws(() => new AbortSignal(), { name: 'TypeError' });
