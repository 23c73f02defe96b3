// An error in a middle stream destroys every stream in the pipeline and reaches the callback.
import assert from 'node:assert';
import { pipeline, Readable, Transform, Writable } from 'node:stream';

const src = new Readable({ read() { this.push('x'); } }); // endless
const mid = new Transform({
  transform(c, e, cb) { cb(new Error('mid failed')); },
});
const dest = new Writable({ write(c, e, cb) { cb(); } });
pipeline(src, mid, dest, (err) => {
  assert.strictEqual(err.message, 'mid failed');
  setTimeout(() => {
    assert.strictEqual(src.destroyed, true);
    assert.strictEqual(mid.destroyed, true);
    assert.strictEqual(dest.destroyed, true);
  }, 1);
});
