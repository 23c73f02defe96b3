// Hash.copy() forks the running state; the original and the copy go on independently.
import assert from 'node:assert';
import crypto from 'node:crypto';

const h = crypto.createHash('sha512').update('hello ');
const c = h.copy();
h.update('world');
c.update('there');
assert.strictEqual(h.digest('hex'), crypto.createHash('sha512').update('hello world').digest('hex'));
assert.strictEqual(c.digest('hex'), crypto.createHash('sha512').update('hello there').digest('hex'));
assert.throws(() => h.copy(), { code: 'ERR_CRYPTO_HASH_FINALIZED' });

// A copy of a copy.
const a = crypto.createHash('md5').update('a');
const b = a.copy().update('b');
const d = b.copy().update('c');
assert.strictEqual(d.digest('hex'), '900150983cd24fb0d6963f7d28e17f72');
assert.strictEqual(b.digest('hex'), crypto.createHash('md5').update('ab').digest('hex'));
assert.strictEqual(a.digest('hex'), crypto.createHash('md5').update('a').digest('hex'));
