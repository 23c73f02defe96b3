import assert from 'node:assert';
import util from 'node:util';

function cbOk(a, b, cb) { setTimeout(() => cb(null, a + b), 1); }
function cbErr(cb) { cb(new Error('nope')); }
assert.strictEqual(util.promisify.custom, Symbol.for('nodejs.util.promisify.custom'));

const p = util.promisify(cbOk);
assert.strictEqual(await p(1, 2), 3);
await assert.rejects(util.promisify(cbErr)(), { message: 'nope' });
// promisified function keeps `this`
const obj = { v: 5, get(cb) { cb(null, this.v); } };
obj.getP = util.promisify(obj.get);
assert.strictEqual(await obj.getP(), 5);
// custom
function withCustom() {}
const custom = () => Promise.resolve('custom');
withCustom[util.promisify.custom] = custom;
assert.strictEqual(util.promisify(withCustom), custom);
// idempotent
assert.strictEqual(util.promisify(p), p);
