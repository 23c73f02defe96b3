// The Timeout object: ref/unref/hasRef/refresh, numeric coercion, clearTimeout by number.
import assert from 'node:assert';
const t = setTimeout(() => assert.fail('cleared by id'), 10);
assert.strictEqual(t.hasRef(), true);
assert.strictEqual(t.unref(), t);
assert.strictEqual(t.hasRef(), false);
t.ref();
assert.strictEqual(typeof +t, 'number');
clearTimeout(+t);
const u = setTimeout(() => assert.fail('unref keeps nothing alive'), 100000);
u.unref();
let fired = 0;
const r = setTimeout(() => { fired++; }, 20);
setTimeout(() => r.refresh(), 10);
setTimeout(() => assert.strictEqual(fired, 0, 'refresh pushed the deadline'), 25);
setTimeout(() => assert.strictEqual(fired, 1), 60);
