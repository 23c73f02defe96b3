// isReadable / isErrored / isDisturbed and the readable*/writable* state getters.
import assert from 'node:assert';
import { isReadable, isErrored, isDisturbed, Readable, Writable } from 'node:stream';

const r = new Readable({ read() {} });
assert.strictEqual(isReadable(r), true);
assert.strictEqual(isDisturbed(r), false);
assert.strictEqual(r.readableDidRead, false);
r.push('x');
r.read();
assert.strictEqual(isDisturbed(r), true);
assert.strictEqual(r.readableDidRead, true);

const e = new Readable({ read() {} });
e.on('error', () => {});
e.destroy(new Error('x'));
assert.strictEqual(isReadable(e), false);
assert.strictEqual(e.readableAborted, true);
setTimeout(() => assert.strictEqual(isErrored(e), true), 1);

const w = new Writable({ write(c, en, cb) { cb(); } });
assert.strictEqual(w.writable, true);
assert.strictEqual(w.writableLength, 0);
assert.strictEqual(w.writableCorked, 0);
assert.strictEqual(w.writableAborted, false);
w.end();
assert.strictEqual(w.writable, false);
