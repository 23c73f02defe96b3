// utf-16le decoding, odd lengths and unpaired surrogates.
import assert from 'node:assert';

const td = new TextDecoder('utf-16le');
assert.strictEqual(td.encoding, 'utf-16le');
assert.strictEqual(td.decode(new Uint8Array([0x61, 0, 0xac, 0x20])), 'a€');
assert.strictEqual(td.decode(new Uint8Array([0x3d, 0xd8, 0x00, 0xde])), '😀');
assert.strictEqual(td.decode(new Uint8Array([0x61, 0, 0x62])), 'a\ufffd');
assert.strictEqual(td.decode(new Uint8Array([0x00, 0xd8, 0x41, 0x00])), '\ufffdA');
assert.strictEqual(td.decode(new Uint8Array([0x00, 0xdc])), '\ufffd');
const text = 'héllo wörld 😀'.repeat(1000);
const bytes = new Uint8Array(text.length * 2);
for (let i = 0; i < text.length; i++) {
  const c = text.charCodeAt(i);
  bytes[2 * i] = c & 0xff;
  bytes[2 * i + 1] = c >> 8;
}
assert.strictEqual(td.decode(bytes), text);
