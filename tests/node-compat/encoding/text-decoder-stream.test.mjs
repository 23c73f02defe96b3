// stream: true keeps incomplete sequences for the next call.
import assert from 'node:assert';

const bytes = new TextEncoder().encode('a€😀b');
for (let size = 1; size <= 3; size++) {
  const td = new TextDecoder();
  let out = '';
  for (let i = 0; i < bytes.length; i += size) {
    out += td.decode(bytes.subarray(i, i + size), { stream: true });
  }
  out += td.decode();
  assert.strictEqual(out, 'a€😀b', `chunk size ${size}`);
}
const td = new TextDecoder();
assert.strictEqual(td.decode(new Uint8Array([0xf0, 0x9f]), { stream: true }), '');
assert.strictEqual(td.decode(new Uint8Array([0x98]), { stream: true }), '');
assert.strictEqual(td.decode(new Uint8Array([0x80])), '😀');
// an incomplete tail without stream is replaced
assert.strictEqual(td.decode(new Uint8Array([0xf0, 0x9f]), { stream: true }), '');
assert.strictEqual(td.decode(), '\ufffd');
// invalid continuation inside a stream
assert.strictEqual(td.decode(new Uint8Array([0xe2]), { stream: true }), '');
assert.strictEqual(td.decode(new Uint8Array([0x41])), '\ufffdA');

const u16 = new TextDecoder('utf-16le');
assert.strictEqual(u16.decode(new Uint8Array([0x3d]), { stream: true }), '');
assert.strictEqual(u16.decode(new Uint8Array([0xd8]), { stream: true }), '');
assert.strictEqual(u16.decode(new Uint8Array([0x00, 0xde])), '😀');
