// The last pipeline stage may be an async function; its return value reaches the callback.
import assert from 'node:assert';
import { pipeline, Readable } from 'node:stream';

pipeline(
  Readable.from(['1', '2', '3']),
  async function sum(src) {
    let total = 0;
    for await (const c of src) total += Number(c);
    return total;
  },
  (err, value) => {
    assert.ifError(err);
    assert.strictEqual(value, 6);
  },
);
// The callback is required, and at least two streams.
assert.throws(() => pipeline(Readable.from([]), Readable.from([])), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => pipeline(Readable.from([]), () => {}), { code: 'ERR_MISSING_ARGS' });
