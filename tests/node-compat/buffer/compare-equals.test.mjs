// Buffer.compare, buf.compare (with ranges) and buf.equals.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const a = Buffer.from('abc');
assert.strictEqual(Buffer.compare(a, Buffer.from('abc')), 0);
assert.strictEqual(Buffer.compare(a, Buffer.from('abd')), -1);
assert.strictEqual(Buffer.compare(Buffer.from('b'), a), 1);
assert.strictEqual(Buffer.compare(Buffer.from('ab'), a), -1);
assert.strictEqual(Buffer.compare(a, Buffer.from('ab')), 1);
assert.deepStrictEqual(
  [Buffer.from('c'), Buffer.from('a'), Buffer.from('b')].sort(Buffer.compare).map(String),
  ['a', 'b', 'c']);

const t = Buffer.from('xbcx');
assert.strictEqual(a.compare(t), -1);
assert.strictEqual(a.compare(t, 1, 3, 1), 0);
assert.strictEqual(a.compare(t, 1, 3, 0, 2), -1);
assert.strictEqual(a.compare(t, 0, 0), 1);
assert.strictEqual(a.compare(t, 0, 1, 1, 1), -1);
assert.throws(() => a.compare(t, 0, 5), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => a.compare('abc'), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => Buffer.compare(a, 'abc'), { code: 'ERR_INVALID_ARG_TYPE' });

assert.ok(a.equals(Buffer.from('abc')));
assert.ok(a.equals(new Uint8Array([0x61, 0x62, 0x63])));
assert.ok(!a.equals(Buffer.from('abcd')));
assert.ok(!a.equals(Buffer.from('abd')));
assert.throws(() => a.equals('abc'), { code: 'ERR_INVALID_ARG_TYPE' });
