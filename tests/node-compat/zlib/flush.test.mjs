// flush() on a deflate stream emits a sync-flushed block that inflates (with finishFlush:
// Z_SYNC_FLUSH) to everything written so far.
import assert from 'node:assert';
import zlib from 'node:zlib';

const d = zlib.createDeflate();
const chunks = [];
d.on('data', (c) => chunks.push(c));
d.write('first part, ');
d.flush(zlib.constants.Z_SYNC_FLUSH, () => {
  const partial = Buffer.concat(chunks);
  const seen = zlib.inflateSync(partial, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  assert.strictEqual(seen.toString(), 'first part, ');
  d.end('second part');
  d.on('end', () => {
    assert.strictEqual(zlib.inflateSync(Buffer.concat(chunks)).toString(), 'first part, second part');
  });
});
