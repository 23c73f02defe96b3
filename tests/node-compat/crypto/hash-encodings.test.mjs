// Hash.update takes strings in any encoding and any ArrayBufferView; digest encodes its output.
import assert from 'node:assert';
import crypto from 'node:crypto';

const expected = crypto.createHash('sha256').update(Buffer.from('héllo wörld')).digest();
assert.ok(Buffer.isBuffer(expected));
assert.strictEqual(expected.length, 32);

const sha = () => crypto.createHash('sha256');
assert.deepStrictEqual(sha().update('héllo wörld').digest(), expected);
assert.deepStrictEqual(sha().update('héllo wörld', 'utf8').digest(), expected);
assert.deepStrictEqual(sha().update(Buffer.from('héllo wörld').toString('hex'), 'hex').digest(), expected);
assert.deepStrictEqual(sha().update(Buffer.from('héllo wörld').toString('base64'), 'base64').digest(), expected);
assert.deepStrictEqual(sha().update(Buffer.from('héllo wörld').toString('latin1'), 'latin1').digest(), expected);
assert.deepStrictEqual(sha().update('héllo ').update(Buffer.from('wörld')).digest(), expected);

// Views are read at their offset, not from the start of the backing buffer.
const big = Buffer.concat([Buffer.from('xxxx'), Buffer.from('héllo wörld'), Buffer.from('yy')]);
const view = new DataView(big.buffer, big.byteOffset + 4, big.length - 6);
assert.deepStrictEqual(sha().update(view).digest(), expected);
assert.deepStrictEqual(sha().update(big.subarray(4, big.length - 2)).digest(), expected);

assert.strictEqual(sha().update('héllo wörld').digest('hex'), expected.toString('hex'));
assert.strictEqual(sha().update('héllo wörld').digest('base64'), expected.toString('base64'));
assert.strictEqual(sha().update('héllo wörld').digest('base64url'), expected.toString('base64url'));
assert.strictEqual(sha().update('héllo wörld').digest('latin1'), expected.toString('latin1'));
assert.ok(sha().update('x') instanceof crypto.Hash);
