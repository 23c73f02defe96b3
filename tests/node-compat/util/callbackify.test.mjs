import assert from 'node:assert';
import util from 'node:util';

async function ok(x) { return x * 2; }
async function bad() { throw new Error('bad'); }
async function falsy() { throw null; } // eslint-disable-line no-throw-literal

const okCb = util.callbackify(ok);
assert.strictEqual(okCb.name, 'okCallbackified');
assert.strictEqual(okCb.length, 2);
const r1 = await new Promise((resolve) => okCb(21, (err, v) => resolve([err, v])));
assert.deepStrictEqual(r1, [null, 42]);
const r2 = await new Promise((resolve) => util.callbackify(bad)((err) => resolve(err)));
assert.strictEqual(r2.message, 'bad');
const r3 = await new Promise((resolve) => util.callbackify(falsy)((err) => resolve(err)));
assert.strictEqual(r3.code, 'ERR_FALSY_VALUE_REJECTION');
assert.strictEqual(r3.reason, null);
