// stopImmediatePropagation stops later listeners on the same target
import assert from 'node:assert';

const t = new EventTarget();
const calls = [];
t.addEventListener('x', () => calls.push(1));
t.addEventListener('x', (e) => { calls.push(2); e.stopImmediatePropagation(); });
t.addEventListener('x', () => calls.push(3));
assert.strictEqual(t.dispatchEvent(new Event('x')), true);
assert.deepStrictEqual(calls, [1, 2]);
