// AbortSignal.timeout aborts with a TimeoutError DOMException
import assert from 'node:assert';

const s = AbortSignal.timeout(5);
assert.strictEqual(s.aborted, false);
assert.throws(() => AbortSignal.timeout(-1), { code: 'ERR_OUT_OF_RANGE' });
let fired = false;
s.addEventListener('abort', () => { fired = true; });
setTimeout(() => {
  assert.strictEqual(fired, true);
  assert.strictEqual(s.aborted, true);
  assert.ok(s.reason instanceof DOMException);
  assert.strictEqual(s.reason.name, 'TimeoutError');
  assert.strictEqual(s.reason.code, 23);
}, 50);
