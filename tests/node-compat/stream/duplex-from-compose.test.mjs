// Duplex.from(async generator fn) is a transform; compose() chains streams into one Duplex.
import assert from 'node:assert';
import { Duplex, compose, Readable, Transform } from 'node:stream';

const doubler = Duplex.from(async function* (source) {
  for await (const chunk of source) yield String(chunk).repeat(2);
});
assert.ok(doubler instanceof Duplex);
const got = await Readable.from(['a', 'b']).pipe(doubler).toArray();
assert.deepStrictEqual(got, ['aa', 'bb']);

const composed = compose(
  new Transform({ objectMode: true, transform(c, e, cb) { cb(null, c + 1); } }),
  async function* (src) { for await (const c of src) yield c * 10; },
);
const out = await Readable.from([1, 2]).pipe(composed).toArray();
assert.deepStrictEqual(out, [20, 30]);

const fromIterable = Duplex.from(['x', 'y']);
assert.deepStrictEqual(await fromIterable.toArray(), ['x', 'y']);
