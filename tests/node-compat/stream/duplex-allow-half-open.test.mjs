// allowHalfOpen:false ends the writable side when the readable side ends.
import assert from 'node:assert';
import { Duplex, Writable, Readable } from 'node:stream';

const events = [];
const d = new Duplex({
  allowHalfOpen: false,
  read() {},
  write(c, e, cb) { cb(); },
});
assert.strictEqual(d.allowHalfOpen, false);
assert.ok(d instanceof Readable);
assert.ok(d instanceof Writable); // via Writable[Symbol.hasInstance]
d.on('end', () => events.push('end'));
d.on('finish', () => events.push('finish'));
d.on('close', () => {
  events.push('close');
  assert.deepStrictEqual(events, ['end', 'finish', 'close']);
  assert.strictEqual(d.writableEnded, true);
});
d.resume();
d.push(null);

const half = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
assert.strictEqual(half.allowHalfOpen, true);
half.resume();
half.push(null);
half.on('end', () => setTimeout(() => {
  assert.strictEqual(half.writable, true);
  assert.strictEqual(half.destroyed, false);
  half.end();
}, 5));
