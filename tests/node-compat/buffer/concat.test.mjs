// Buffer.concat with and without totalLength.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const a = Buffer.from('ab');
const b = new Uint8Array([0x63, 0x64]);
assert.strictEqual(Buffer.concat([a, b]).toString(), 'abcd');
assert.strictEqual(Buffer.concat([a, b], 3).toString(), 'abc');
assert.deepStrictEqual([...Buffer.concat([a], 4)], [0x61, 0x62, 0, 0]); // zero padded
assert.strictEqual(Buffer.concat([]).length, 0);
assert.strictEqual(Buffer.concat([Buffer.alloc(0), a]).toString(), 'ab');
const out = Buffer.concat([a]);
assert.notStrictEqual(out, a);
out[0] = 0;
assert.strictEqual(a[0], 0x61);

assert.throws(() => Buffer.concat('ab'), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => Buffer.concat([a, 'cd']), {
  code: 'ERR_INVALID_ARG_TYPE',
  message: /"list\[1\]"/,
});
assert.throws(() => Buffer.concat([a], -1), { code: 'ERR_OUT_OF_RANGE' });
