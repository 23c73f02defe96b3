// isUtf8 / isAscii from node:buffer.
import assert from 'node:assert';
import { Buffer, isUtf8, isAscii } from 'node:buffer';

assert.strictEqual(isUtf8(Buffer.from('héllo €😀')), true);
assert.strictEqual(isUtf8(Buffer.from([0xc3])), false);
assert.strictEqual(isUtf8(Buffer.from([0xed, 0xa0, 0x80])), false);
assert.strictEqual(isUtf8(Buffer.from([0xc0, 0x80])), false);
assert.strictEqual(isUtf8(new Uint8Array(0)), true);
assert.strictEqual(isUtf8(new Uint8Array([0x6f, 0x6b]).buffer), true);
assert.strictEqual(isAscii(Buffer.from('plain')), true);
assert.strictEqual(isAscii(Buffer.from('é')), false);
assert.throws(() => isUtf8('str'), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => isAscii([]), { code: 'ERR_INVALID_ARG_TYPE' });
