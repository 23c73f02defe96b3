// Fixed-width integer reads/writes at their edge values, LE and BE, and the Uint aliases.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const b = Buffer.alloc(8);
assert.strictEqual(b.writeUInt8(255, 0), 1);
assert.strictEqual(b.readUInt8(0), 255);
assert.strictEqual(b.readInt8(0), -1);
b.writeInt8(-128, 1);
assert.strictEqual(b.readInt8(1), -128);
assert.strictEqual(b[1], 0x80);

assert.strictEqual(b.writeUInt16LE(0xabcd, 0), 2);
assert.deepStrictEqual([b[0], b[1]], [0xcd, 0xab]);
assert.strictEqual(b.readUInt16LE(0), 0xabcd);
assert.strictEqual(b.readUInt16BE(0), 0xcdab);
b.writeInt16BE(-2, 2);
assert.strictEqual(b.readInt16BE(2), -2);
assert.strictEqual(b.readUInt16BE(2), 0xfffe);

assert.strictEqual(b.writeUInt32BE(0xdeadbeef, 4), 8);
assert.strictEqual(b.readUInt32BE(4), 0xdeadbeef);
assert.strictEqual(b.readUInt32LE(4), 0xefbeadde);
assert.strictEqual(b.readInt32BE(4), 0xdeadbeef | 0);
b.writeInt32LE(-2147483648, 0);
assert.strictEqual(b.readInt32LE(0), -2147483648);
b.writeInt32LE(2147483647, 0);
assert.strictEqual(b.readInt32LE(0), 2147483647);
b.writeUInt32LE(4294967295, 0);
assert.strictEqual(b.readUInt32LE(0), 4294967295);
assert.strictEqual(b.readInt32LE(0), -1);

// lower-case aliases are the same functions
for (const name of ['readUInt8', 'readUInt16LE', 'readUInt32BE', 'writeUInt8', 'writeUInt32LE',
  'readUIntLE', 'writeUIntBE', 'readBigUInt64LE', 'writeBigUInt64BE']) {
  assert.strictEqual(Buffer.prototype[name.replace('UInt', 'Uint')], Buffer.prototype[name], name);
}
const c = Buffer.alloc(2);
c.writeUint16BE(0x0102);
assert.strictEqual(c.readUint16BE(), 0x0102);
