// AbortSignal.abort(reason) and AbortSignal.any(signals)
import assert from 'node:assert';

const s = AbortSignal.abort();
assert.strictEqual(s.aborted, true);
assert.strictEqual(s.reason.name, 'AbortError');
assert.strictEqual(AbortSignal.abort(0).reason, 0);

const a = new AbortController();
const b = new AbortController();
const any = AbortSignal.any([a.signal, b.signal]);
const nested = AbortSignal.any([any]);
assert.strictEqual(any.aborted, false);
let fired = 0;
any.addEventListener('abort', () => fired++);
b.abort('why');
assert.strictEqual(any.aborted, true);
assert.strictEqual(any.reason, 'why');
assert.strictEqual(nested.reason, 'why');
assert.strictEqual(fired, 1);
a.abort('later');
assert.strictEqual(any.reason, 'why');

const pre = AbortSignal.any([new AbortController().signal, AbortSignal.abort('first')]);
assert.strictEqual(pre.aborted, true);
assert.strictEqual(pre.reason, 'first');
assert.throws(() => AbortSignal.any([{}]), { name: 'TypeError' });
