// destroy() while writes are buffered (corked) fails their callbacks with ERR_STREAM_DESTROYED,
// before 'close'; a write after destroy fails the same way.
import assert from 'node:assert';
import { Writable } from 'node:stream';

const events = [];
const w = new Writable({
  write(chunk, enc, cb) {
    events.push(`write:${chunk}`);
    cb();
  },
});
w.cork();
w.write('a', (err) => events.push(`cb:a:${err && err.code}`));
w.write('b', (err) => events.push(`cb:b:${err && err.code}`));
w.on('close', () => {
  events.push('close');
  w.write('c', (err) => {
    events.push(`cb:c:${err && err.code}`);
    assert.deepStrictEqual(events, [
      'cb:a:ERR_STREAM_DESTROYED', 'cb:b:ERR_STREAM_DESTROYED', 'close', 'cb:c:ERR_STREAM_DESTROYED',
    ]);
  });
});
w.on('error', (err) => events.push(`error:${err.code}`));
w.destroy();
assert.strictEqual(w.destroyed, true);
assert.strictEqual(w.writable, false);
