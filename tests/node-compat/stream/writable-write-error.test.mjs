// An error passed to the write callback reaches the write cb, then 'error', then 'close'.
import assert from 'node:assert';
import { Writable } from 'node:stream';

const events = [];
const w = new Writable({
  write(chunk, enc, cb) {
    cb(new Error('disk full'));
  },
});
w.on('error', (err) => events.push(`error:${err.message}`));
w.on('finish', () => events.push('finish'));
w.on('close', () => {
  events.push('close');
  assert.deepStrictEqual(events, ['cb:disk full', 'error:disk full', 'close']);
  assert.strictEqual(w.writableFinished, false);
  assert.strictEqual(w.errored.message, 'disk full');
});
w.write('x', (err) => events.push(`cb:${err.message}`));
