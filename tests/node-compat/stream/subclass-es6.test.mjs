// `class X extends Readable/Writable` with _read/_write overrides.
import assert from 'node:assert';
import { Readable, Writable } from 'node:stream';

class Counter extends Readable {
  constructor(max) {
    super({ objectMode: true });
    this.n = 0;
    this.max = max;
  }
  _read() {
    this.n++;
    this.push(this.n > this.max ? null : this.n);
  }
}
class Collect extends Writable {
  constructor() {
    super({ objectMode: true });
    this.items = [];
  }
  _write(chunk, enc, cb) {
    this.items.push(chunk);
    cb();
  }
}
const c = new Collect();
new Counter(3).pipe(c).on('finish', () => {
  assert.deepStrictEqual(c.items, [1, 2, 3]);
  assert.ok(c instanceof Writable);
});
