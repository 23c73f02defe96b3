// TransformStream + pipeThrough: transform/flush, enqueue several, terminate; identity transform
import assert from 'node:assert';

const collect = async (s) => {
  const out = [];
  for await (const x of s) out.push(x);
  return out;
};
const upper = new TransformStream({
  transform(chunk, c) {
    c.enqueue(chunk.toUpperCase());
    c.enqueue(chunk.length);
  },
  flush(c) { c.enqueue('end'); },
});
assert.deepStrictEqual(await collect(ReadableStream.from(['ab', 'c']).pipeThrough(upper)), ['AB', 2, 'C', 1, 'end']);
assert.deepStrictEqual(await collect(ReadableStream.from([1, 2]).pipeThrough(new TransformStream())), [1, 2]);

const term = new TransformStream({
  transform(chunk, c) {
    c.enqueue(chunk);
    if (chunk === 2) c.terminate();
  },
});
const out = await collect(ReadableStream.from([1, 2, 3]).pipeThrough(term).values());
assert.deepStrictEqual(out, [1, 2]);
