// ReadableStream.from: arrays, sync and async generators, and a ReadableStream itself
import assert from 'node:assert';

const collect = async (s) => {
  const out = [];
  for await (const x of s) out.push(x);
  return out;
};
assert.deepStrictEqual(await collect(ReadableStream.from([1, 2, 3])), [1, 2, 3]);
assert.deepStrictEqual(await collect(ReadableStream.from((function* g() { yield 'a'; yield 'b'; })())), ['a', 'b']);
async function* ag() {
  yield 1;
  await null;
  yield 2;
}
assert.deepStrictEqual(await collect(ReadableStream.from(ag())), [1, 2]);
assert.deepStrictEqual(await collect(ReadableStream.from(ReadableStream.from(['s']))), ['s']);
assert.throws(() => ReadableStream.from(5), { name: 'TypeError' });
