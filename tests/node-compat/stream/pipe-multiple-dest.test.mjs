// One source can be piped to several destinations; each gets every chunk and is ended.
import assert from 'node:assert';
import { Readable, Writable } from 'node:stream';

function sink(out) {
  return new Writable({ write(c, e, cb) { out.push(c.toString()); cb(); } });
}
const a = [];
const b = [];
const src = Readable.from(['1', '2', '3'], { objectMode: false });
let finished = 0;
const done = () => {
  if (++finished === 2) {
    assert.deepStrictEqual(a, ['1', '2', '3']);
    assert.deepStrictEqual(b, ['1', '2', '3']);
  }
};
src.pipe(sink(a)).on('finish', done);
src.pipe(sink(b)).on('finish', done);
