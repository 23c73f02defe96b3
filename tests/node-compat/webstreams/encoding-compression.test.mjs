// TextEncoderStream/TextDecoderStream (split multi-byte chars) and CompressionStream round trips
import assert from 'node:assert';

const collect = async (s) => {
  const out = [];
  for await (const x of s) out.push(x);
  return out;
};
const euro = new TextEncoder().encode('€!');
const text = (await collect(ReadableStream.from([euro.slice(0, 1), euro.slice(1)]).pipeThrough(new TextDecoderStream()))).join('');
assert.strictEqual(text, '€!');
const enc = await collect(ReadableStream.from(['hé']).pipeThrough(new TextEncoderStream()));
assert.deepStrictEqual([...enc[0]], [0x68, 0xc3, 0xa9]);

for (const format of ['gzip', 'deflate', 'deflate-raw']) {
  const input = new TextEncoder().encode('hello '.repeat(100));
  const packed = await collect(ReadableStream.from([input]).pipeThrough(new CompressionStream(format)));
  const size = packed.reduce((n, c) => n + c.byteLength, 0);
  assert.ok(size < input.length, format);
  const unpacked = await collect(ReadableStream.from(packed).pipeThrough(new DecompressionStream(format)));
  assert.strictEqual(new TextDecoder().decode(Buffer.concat(unpacked)), 'hello '.repeat(100));
}
assert.throws(() => new CompressionStream('zip'), { name: 'TypeError' });
