// finished() calls back after 'end'/'finish', and with ERR_STREAM_PREMATURE_CLOSE on early close.
import assert from 'node:assert';
import { finished, Readable, Writable } from 'node:stream';

const r = Readable.from(['a']);
finished(r, (err) => {
  assert.strictEqual(err, undefined);
  assert.strictEqual(r.readableEnded, true);
});
r.resume();

const w = new Writable({ write(c, e, cb) { cb(); } });
finished(w, (err) => {
  assert.ifError(err);
  assert.strictEqual(w.writableFinished, true);
});
w.end('x');

const early = new Readable({ read() {} });
finished(early, (err) => {
  assert.strictEqual(err.code, 'ERR_STREAM_PREMATURE_CLOSE');
  assert.strictEqual(err.message, 'Premature close');
});
early.destroy();
