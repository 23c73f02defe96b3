// Byte streams: a BYOB reader fills the caller's view; a default reader gets the chunks
import assert from 'node:assert';

const make = () => new ReadableStream({
  type: 'bytes',
  start(c) {
    c.enqueue(new Uint8Array([1, 2, 3, 4, 5]));
    c.close();
  },
});
const byob = make().getReader({ mode: 'byob' });
const first = await byob.read(new Uint8Array(3));
assert.deepStrictEqual([...first.value], [1, 2, 3]);
assert.strictEqual(first.done, false);
const second = await byob.read(new Uint8Array(3));
assert.deepStrictEqual([...second.value], [4, 5]);
const end = await byob.read(new Uint8Array(3));
assert.strictEqual(end.done, true);
const plain = await make().getReader().read();
assert.deepStrictEqual([...plain.value], [1, 2, 3, 4, 5]);
assert.throws(() => new ReadableStream().getReader({ mode: 'byob' }), { name: 'TypeError' });
