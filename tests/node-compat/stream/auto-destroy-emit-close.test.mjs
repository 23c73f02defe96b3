// autoDestroy:false keeps the stream alive after 'end'; emitClose:false suppresses 'close'.
import assert from 'node:assert';
import { Readable, Writable } from 'node:stream';

const r = new Readable({ autoDestroy: false, read() {} });
r.on('end', () => {
  setTimeout(() => {
    assert.strictEqual(r.destroyed, false);
    r.destroy();
  }, 5);
});
let rClosed = false;
r.on('close', () => { rClosed = true; });
r.resume();
r.push(null);

const w = new Writable({ emitClose: false, write(c, e, cb) { cb(); } });
w.on('close', () => assert.fail('close must not be emitted'));
w.end('x');
w.on('finish', () => {
  setTimeout(() => {
    assert.strictEqual(w.destroyed, true);
    assert.strictEqual(w.closed, true);
    assert.strictEqual(rClosed, true);
  }, 20);
});
