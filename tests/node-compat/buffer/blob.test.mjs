// Blob from node:buffer: parts, type, size, slice, text/arrayBuffer/bytes.
import assert from 'node:assert';
import { Blob, Buffer } from 'node:buffer';

const blob = new Blob(['héllo ', Buffer.from('wor'), new Uint8Array([0x6c, 0x64]).buffer],
  { type: 'Text/Plain' });
assert.strictEqual(blob.size, 12);
assert.strictEqual(blob.type, 'text/plain');
assert.strictEqual(await blob.text(), 'héllo world');
assert.strictEqual(Object.prototype.toString.call(blob), '[object Blob]');
const ab = await blob.arrayBuffer();
assert.ok(ab instanceof ArrayBuffer);
assert.strictEqual(ab.byteLength, 12);
const bytes = await blob.bytes();
assert.ok(bytes instanceof Uint8Array);
assert.strictEqual(bytes[0], 0x68);

const s = blob.slice(7, -2, 'x/y');
assert.strictEqual(s.type, 'x/y');
assert.strictEqual(await s.text(), 'wor');
assert.strictEqual(await blob.slice(-5).text(), 'world');
assert.strictEqual(blob.slice(100).size, 0);
assert.strictEqual(await new Blob([blob, '!']).text(), 'héllo world!');
assert.strictEqual(new Blob().size, 0);
assert.strictEqual(new Blob([]).type, '');
assert.strictEqual(await new Blob([1, 2]).text(), '12');
assert.throws(() => new Blob('abc'), { code: 'ERR_INVALID_ARG_TYPE' });
