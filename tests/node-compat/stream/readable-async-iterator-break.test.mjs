// Breaking out of for-await destroys the stream; an error rejects the loop.
import assert from 'node:assert';
import { Readable } from 'node:stream';

const r = Readable.from([1, 2, 3, 4]);
const seen = [];
for await (const x of r) {
  seen.push(x);
  if (x === 2) break;
}
assert.deepStrictEqual(seen, [1, 2]);
assert.strictEqual(r.destroyed, true);

const bad = new Readable({ read() { this.destroy(new Error('kaput')); } });
await assert.rejects(async () => {
  for await (const x of bad) assert.fail(`unexpected ${x}`);
}, { message: 'kaput' });
