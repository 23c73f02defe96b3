// write() measures the buffered length after _write ran: a chunk the sink took synchronously does
// not count against highWaterMark (true, no 'drain'), a chunk still being written does. pipe()
// therefore never pauses on a synchronous sink, and callbacks still run on a later tick.
import assert from 'node:assert';
import { Readable, Writable, PassThrough } from 'node:stream';

const order = [];
const sync = new Writable({ write(chunk, enc, cb) { order.push(`_write:${chunk.length}`); cb(); } });
sync.on('drain', () => order.push('drain'));
assert.strictEqual(sync.write(Buffer.alloc(100000), () => order.push('cb')), true);
assert.strictEqual(sync.writableNeedDrain, false);
assert.strictEqual(sync.writableLength, 0);
assert.strictEqual(sync.write(Buffer.alloc(10)), true);
order.push('sync-end');

const zero = new Writable({ highWaterMark: 0, write(chunk, enc, cb) { cb(); } });
assert.strictEqual(zero.write('x'), true);

const pending = [];
const slow = new Writable({ write(chunk, enc, cb) { pending.push(cb); } });
let drains = 0;
slow.on('drain', () => drains++);
assert.strictEqual(slow.write(Buffer.alloc(100000)), false);
assert.strictEqual(slow.writableNeedDrain, true);

// A PassThrough consumed synchronously in flowing mode: write() keeps returning true.
const pt = new PassThrough();
let seen = 0;
pt.on('data', (c) => { seen += c.length; });
const piped = [];
const src = new Readable({ read() {} });
const dest = new Writable({ write(chunk, enc, cb) { piped.push(chunk.length); cb(); } });
let destDrains = 0;
dest.on('drain', () => destDrains++);
src.pipe(dest);

process.nextTick(() => {
  assert.deepStrictEqual(order, ['_write:100000', '_write:10', 'sync-end', 'cb']);
  assert.strictEqual(pt.write(Buffer.alloc(70000)), true);
  for (let i = 0; i < 5; i++) src.push(Buffer.alloc(65536));
  src.push(null);
  pending.shift()();
  setTimeout(() => {
    assert.strictEqual(drains, 1);
    assert.strictEqual(seen, 70000);
    assert.deepStrictEqual(piped, [65536, 65536, 65536, 65536, 65536]);
    assert.strictEqual(destDrains, 0);
  }, 10);
});
