// pipeline(src, transform, dest, cb) moves all data and calls back once with no error.
import assert from 'node:assert';
import { pipeline, Readable, Transform, Writable } from 'node:stream';

const out = [];
let calls = 0;
const ret = pipeline(
  Readable.from(['a', 'b', 'c']),
  new Transform({ objectMode: true, transform(c, e, cb) { cb(null, c + c); } }),
  new Writable({ objectMode: true, write(c, e, cb) { out.push(c); cb(); } }),
  (err) => {
    calls++;
    assert.strictEqual(err, undefined);
    assert.deepStrictEqual(out, ['aa', 'bb', 'cc']);
    setTimeout(() => assert.strictEqual(calls, 1), 5);
  },
);
assert.ok(ret instanceof Writable);
