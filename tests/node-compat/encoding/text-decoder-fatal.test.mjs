// fatal: true throws TypeError ERR_ENCODING_INVALID_ENCODED_DATA on malformed input.
import assert from 'node:assert';

const td = new TextDecoder('utf-8', { fatal: true });
assert.strictEqual(td.fatal, true);
assert.strictEqual(td.decode(new Uint8Array([0xe2, 0x82, 0xac])), '€');
for (const bad of [[0xff], [0xc3], [0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]) {
  assert.throws(() => td.decode(new Uint8Array(bad)), {
    name: 'TypeError',
    code: 'ERR_ENCODING_INVALID_ENCODED_DATA',
  });
}
// incomplete sequence at the end of a stream is an error on flush
td.decode(new Uint8Array([0xe2]), { stream: true });
assert.throws(() => td.decode(), { code: 'ERR_ENCODING_INVALID_ENCODED_DATA' });
// the decoder is usable again afterwards
assert.strictEqual(td.decode(new Uint8Array([0x6f, 0x6b])), 'ok');
const u16 = new TextDecoder('utf-16le', { fatal: true });
assert.throws(() => u16.decode(new Uint8Array([0x00, 0xd8, 0x41, 0x00])), {
  code: 'ERR_ENCODING_INVALID_ENCODED_DATA',
});
