// write() returns false at highWaterMark; the next buffered chunk is written before the finished
// write's callback runs; 'drain' fires once the buffer empties, before that write's callback.
import assert from 'node:assert';
import { Writable } from 'node:stream';

const events = [];
const w = new Writable({
  highWaterMark: 3,
  write(chunk, enc, cb) {
    events.push(`_write:${chunk}`);
    setTimeout(cb, 1);
  },
});
w.on('drain', () => events.push('drain'));
assert.strictEqual(w.write('a', () => events.push('cb:a')), true);
assert.strictEqual(w.writableLength, 1);
assert.strictEqual(w.write('bc', () => events.push('cb:bc')), false);
assert.strictEqual(w.writableNeedDrain, true);
assert.strictEqual(w.writableLength, 3);
w.on('drain', () => {
  assert.deepStrictEqual(events, ['_write:a', '_write:bc', 'cb:a', 'drain']);
  setTimeout(() => {
    assert.deepStrictEqual(events, ['_write:a', '_write:bc', 'cb:a', 'drain', 'cb:bc']);
    assert.strictEqual(w.writableNeedDrain, false);
  }, 0);
});
