// structuredClone of Error objects keeps the standard name, message, stack and cause
import assert from 'node:assert';

const e = new RangeError('bad', { cause: { why: 1 } });
const c = structuredClone(e);
assert.notStrictEqual(c, e);
assert.ok(c instanceof RangeError);
assert.strictEqual(c.name, 'RangeError');
assert.strictEqual(c.message, 'bad');
assert.strictEqual(c.stack, e.stack);
assert.deepStrictEqual(c.cause, { why: 1 });

class MyError extends Error {}
const m = structuredClone(new MyError('mine'));
assert.strictEqual(Object.getPrototypeOf(m), Error.prototype);
assert.strictEqual(m.message, 'mine');

const t = new TypeError('t');
t.name = 'Custom';
assert.strictEqual(Object.getPrototypeOf(structuredClone(t)), Error.prototype);
