// pipe() pauses the source when dest.write() returns false and resumes on 'drain'.
import assert from 'node:assert';
import { Readable, Writable } from 'node:stream';

let i = 0;
const src = new Readable({
  highWaterMark: 2,
  read() {
    i++;
    this.push(i <= 10 ? `${i},` : null);
  },
});
let inFlight = 0;
let maxBuffered = 0;
const written = [];
const dest = new Writable({
  highWaterMark: 4,
  write(chunk, enc, cb) {
    inFlight++;
    maxBuffered = Math.max(maxBuffered, dest.writableLength);
    written.push(chunk.toString());
    setTimeout(() => { inFlight--; cb(); }, 1);
  },
});
let pauses = 0;
src.on('pause', () => pauses++);
dest.on('pipe', (s) => assert.strictEqual(s, src));
src.pipe(dest).on('finish', () => {
  assert.strictEqual(written.join(''), '1,2,3,4,5,6,7,8,9,10,');
  assert.ok(pauses > 0, 'source was paused for backpressure');
  assert.ok(maxBuffered <= 6, `dest buffered ${maxBuffered}`);
  assert.strictEqual(inFlight, 0);
});
