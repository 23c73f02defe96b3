// addAbortSignal and the `signal` option destroy the stream with an AbortError.
import assert from 'node:assert';
import { addAbortSignal, Readable } from 'node:stream';

const ac = new AbortController();
const r = addAbortSignal(ac.signal, new Readable({ read() {} }));
const events = [];
r.on('error', (err) => events.push(err.name));
r.on('close', () => {
  events.push('close');
  assert.deepStrictEqual(events, ['AbortError', 'close']);
});
ac.abort();

const r2 = new Readable({ read() {}, signal: AbortSignal.abort() });
r2.on('error', (err) => assert.strictEqual(err.code, 'ABORT_ERR'));
assert.strictEqual(r2.destroyed, true);
assert.throws(() => addAbortSignal('nope', r), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => addAbortSignal(ac.signal, {}), { code: 'ERR_INVALID_ARG_TYPE' });
