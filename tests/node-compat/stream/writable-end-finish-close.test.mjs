// end(chunk, cb): last write, 'prefinish' (synchronously, no _final), then end callback,
// 'finish', 'close'.
import assert from 'node:assert';
import { Writable } from 'node:stream';

const events = [];
const w = new Writable({
  write(chunk, enc, cb) {
    events.push(`write:${chunk}`);
    cb();
  },
});
w.on('prefinish', () => events.push('prefinish'));
w.on('finish', () => {
  events.push('finish');
  assert.strictEqual(w.writableFinished, true);
});
w.on('close', () => {
  events.push('close');
  assert.deepStrictEqual(events, ['write:x', 'prefinish', 'ended', 'end-cb', 'finish', 'close']);
});
w.end('x', () => events.push('end-cb'));
assert.strictEqual(w.writableEnded, true);
assert.strictEqual(w.writableFinished, false);
events.push('ended');
