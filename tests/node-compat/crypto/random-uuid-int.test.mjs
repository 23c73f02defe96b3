// randomUUID gives RFC 4122 v4 strings; randomInt stays in [min, max) and validates its range.
import assert from 'node:assert';
import crypto from 'node:crypto';

const re = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const seen = new Set();
for (let i = 0; i < 500; i++) {
  const u = crypto.randomUUID();
  assert.match(u, re);
  seen.add(u);
}
assert.strictEqual(seen.size, 500);
assert.match(crypto.randomUUID({ disableEntropyCache: true }), re);
assert.match(globalThis.crypto.randomUUID(), re);

const counts = new Array(6).fill(0);
for (let i = 0; i < 3000; i++) {
  const n = crypto.randomInt(-3, 3);
  assert.ok(Number.isInteger(n) && n >= -3 && n < 3);
  counts[n + 3]++;
}
assert.ok(counts.every((c) => c > 0));
assert.ok(crypto.randomInt(1) === 0);
assert.throws(() => crypto.randomInt(10, 5), {
  code: 'ERR_OUT_OF_RANGE',
  message: 'The value of "max" is out of range. It must be greater than the value of "min" (10). Received 5',
});
assert.throws(() => crypto.randomInt(1.5), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => crypto.randomInt(0, 2 ** 49), { code: 'ERR_OUT_OF_RANGE' });
crypto.randomInt(5, 7, (err, n) => {
  assert.ifError(err);
  assert.ok(n === 5 || n === 6);
});
