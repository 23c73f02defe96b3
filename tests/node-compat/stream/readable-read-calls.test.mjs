// _read is called asynchronously to fill the buffer up to highWaterMark, with the hwm as size.
import assert from 'node:assert';
import { Readable } from 'node:stream';

const sizes = [];
let n = 0;
const r = new Readable({
  highWaterMark: 10,
  read(size) {
    sizes.push(size);
    n++;
    if (n <= 3) this.push('xxxx');
    else this.push(null);
  },
});
const chunks = [];
r.on('data', (c) => chunks.push(c.toString()));
r.on('end', () => {
  assert.deepStrictEqual(chunks, ['xxxx', 'xxxx', 'xxxx']);
  assert.ok(sizes.every((s) => s === 10));
  assert.strictEqual(n, 4);
});
