// unpipe() detaches the destination ('unpipe' event) and pauses the source.
import assert from 'node:assert';
import { Readable, PassThrough } from 'node:stream';

const src = new Readable({ read() {} });
const dest = new PassThrough();
const events = [];
dest.on('unpipe', (s) => events.push(['unpipe', s === src]));
src.pipe(dest);
assert.strictEqual(src._readableState.pipes.length, 1);
src.unpipe(dest);
assert.deepStrictEqual(events, [['unpipe', true]]);
assert.strictEqual(src._readableState.pipes.length, 0);
assert.strictEqual(src.isPaused(), true);
src.push('x');
setTimeout(() => {
  assert.strictEqual(dest.readableLength, 0);
  assert.strictEqual(src.readableLength, 1);
}, 5);
