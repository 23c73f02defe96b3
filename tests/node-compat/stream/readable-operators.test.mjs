// Iterator helpers: map, filter, take, drop, forEach, toArray, reduce, some, every, find.
import assert from 'node:assert';
import { Readable } from 'node:stream';

const src = () => Readable.from([1, 2, 3, 4, 5]);
assert.deepStrictEqual(await src().map((x) => x * 2).toArray(), [2, 4, 6, 8, 10]);
assert.deepStrictEqual(await src().map(async (x) => x + 1, { concurrency: 2 }).toArray(), [2, 3, 4, 5, 6]);
assert.deepStrictEqual(await src().filter(async (x) => x % 2).toArray(), [1, 3, 5]);
assert.deepStrictEqual(await src().take(2).toArray(), [1, 2]);
assert.deepStrictEqual(await src().drop(3).toArray(), [4, 5]);
assert.strictEqual(await src().reduce((a, b) => a + b, 0), 15);
assert.strictEqual(await src().reduce((a, b) => a + b), 15);
await assert.rejects(Readable.from([]).reduce((a, b) => a + b), { code: 'ERR_MISSING_ARGS' });
assert.strictEqual(await src().some((x) => x > 4), true);
assert.strictEqual(await src().every((x) => x > 4), false);
assert.strictEqual(await src().find((x) => x > 2), 3);
const seen = [];
assert.strictEqual(await src().forEach((x) => { seen.push(x); }), undefined);
assert.deepStrictEqual(seen, [1, 2, 3, 4, 5]);
assert.ok(src().map((x) => x) instanceof Readable);
assert.throws(() => src().map(5), { code: 'ERR_INVALID_ARG_TYPE' });
