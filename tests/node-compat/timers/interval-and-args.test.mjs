// setInterval repeats until cleared; extra arguments reach the callback; bad callbacks throw.
import assert from 'node:assert';
let n = 0;
const iv = setInterval((a, b) => {
  assert.deepStrictEqual([a, b], ['x', 2]);
  if (++n === 3) clearInterval(iv);
}, 1, 'x', 2);
assert.throws(() => setTimeout('code'), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => setImmediate(null), { code: 'ERR_INVALID_ARG_TYPE' });
process.on('exit', () => assert.strictEqual(n, 3));
