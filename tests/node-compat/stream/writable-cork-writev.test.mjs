// cork() buffers writes; uncork() flushes them as one _writev batch.
import assert from 'node:assert';
import { Writable } from 'node:stream';

const batches = [];
const w = new Writable({
  write(chunk, enc, cb) {
    batches.push([chunk.toString()]);
    cb();
  },
  writev(chunks, cb) {
    batches.push(chunks.map(({ chunk }) => chunk.toString()));
    cb();
  },
});
w.cork();
w.write('a');
w.write('b');
w.write('c');
assert.strictEqual(w.writableCorked, 1);
assert.strictEqual(w.writableLength, 3);
assert.deepStrictEqual(batches, []);
w.uncork();
assert.deepStrictEqual(batches, [['a', 'b', 'c']]);
w.end('d');
w.on('finish', () => {
  assert.deepStrictEqual(batches, [['a', 'b', 'c'], ['d']]);
});
