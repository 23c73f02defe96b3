// Buffer is a Uint8Array subclass; Buffer() without new, SlowBuffer, module shape.
import assert from 'node:assert';
import buffer, { Buffer, SlowBuffer } from 'node:buffer';

assert.strictEqual(Object.getPrototypeOf(Buffer.prototype), Uint8Array.prototype);
assert.strictEqual(Object.getPrototypeOf(Buffer), Uint8Array);
const b = Buffer.from('x');
assert.ok(b instanceof Buffer);
assert.ok(b instanceof Uint8Array);
assert.strictEqual(b.constructor, Buffer);
assert.ok(Buffer.isBuffer(b));
assert.ok(!Buffer.isBuffer(new Uint8Array(1)));
assert.ok(!Buffer.isBuffer('x'));
assert.ok(Buffer.isBuffer(b.subarray(0)));
assert.ok(Buffer.isBuffer(b.slice(0)));
assert.ok(Buffer.isBuffer(Buffer.of(1, 2)));
assert.deepStrictEqual([...Buffer.of(1, 2)], [1, 2]);
assert.strictEqual(buffer.Buffer, Buffer);
assert.strictEqual(typeof buffer.SlowBuffer, 'function');
const slow = SlowBuffer(3);
assert.strictEqual(slow.length, 3);
assert.ok(slow instanceof Uint8Array);
