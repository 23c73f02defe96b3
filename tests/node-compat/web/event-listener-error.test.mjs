// A throwing listener does not stop the others; the error is reported asynchronously
import assert from 'node:assert';

const t = new EventTarget();
const calls = [];
const boom = new Error('boom');
t.addEventListener('x', () => { calls.push(1); throw boom; });
t.addEventListener('x', () => calls.push(2));
let reported = null;
globalThis.process.once('uncaughtException', (err) => { reported = err; });
assert.strictEqual(t.dispatchEvent(new Event('x')), true);
assert.deepStrictEqual(calls, [1, 2]);
setTimeout(() => { assert.strictEqual(reported, boom); }, 10);
