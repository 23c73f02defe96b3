// Readable.from accepts arrays, generators, async generators and promises of values.
import assert from 'node:assert';
import { Readable } from 'node:stream';

async function collect(stream) {
  const out = [];
  for await (const x of stream) out.push(x);
  return out;
}
function* gen() { yield 1; yield 2; }
async function* agen() { yield 'a'; yield Promise.resolve('b'); }

assert.deepStrictEqual(await collect(Readable.from([1, 2, 3])), [1, 2, 3]);
assert.deepStrictEqual(await collect(Readable.from(gen())), [1, 2]);
assert.deepStrictEqual(await collect(Readable.from(agen())), ['a', 'b']);
assert.deepStrictEqual(await collect(Readable.from([Promise.resolve(7)])), [7]);
// A string is one chunk, not split into characters.
assert.deepStrictEqual(await collect(Readable.from('abc')), ['abc']);
assert.strictEqual(Readable.from([]).readableObjectMode, true);
assert.throws(() => Readable.from(42), { code: 'ERR_INVALID_ARG_TYPE' });
